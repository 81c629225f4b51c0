using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// The AVX-512 micro-kernel: a 12 x 2-vector tile (12 x 16 doubles, 12 x 32 floats) in 24 of the 32 zmm
/// registers, two for the B row and one for the broadcast, leaving headroom so the JIT need not spill.
/// It mirrors <see cref="Avx2Kernel{T}"/>; not yet run on AVX-512 hardware (the properties run it
/// wherever Vector512 is accelerated).
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
internal readonly unsafe struct Avx512Kernel<T> : IGemmKernel<T> where T : unmanaged
{
    /// <inheritdoc/>
    public static int MR => 12;

    /// <inheritdoc/>
    public static int NR => 2 * Vector512<T>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(T* a, T* b, nint kc, T* c, nint ldc)
    {
        var w = Vector512<T>.Count;
        var nr = 2 * w;
        // C is read once, at the end: start its lines on their way now, hidden behind the FMAs.
        if (Sse.IsSupported)
            for (nint r = 0; r < 12; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + nr - 1);
            }
        Vector512<T> c00 = default, c01 = default;
        Vector512<T> c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default;
        Vector512<T> c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default;
        Vector512<T> c70 = default, c71 = default;
        Vector512<T> c80 = default, c81 = default;
        Vector512<T> c90 = default, c91 = default;
        Vector512<T> c100 = default, c101 = default;
        Vector512<T> c110 = default, c111 = default;
        Vector512<T> x, b0, b1;
        for (nint p = 0; p < kc; p++, a += 12, b += nr)
        {
            b0 = Vector512.Load(b);
            b1 = Vector512.Load(b + 1 * w);
            x = Vector512.Create(a[0]);
            c00 = GemmFma.Of(x, b0, c00); c01 = GemmFma.Of(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = GemmFma.Of(x, b0, c10); c11 = GemmFma.Of(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = GemmFma.Of(x, b0, c20); c21 = GemmFma.Of(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = GemmFma.Of(x, b0, c30); c31 = GemmFma.Of(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = GemmFma.Of(x, b0, c40); c41 = GemmFma.Of(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = GemmFma.Of(x, b0, c50); c51 = GemmFma.Of(x, b1, c51);
            x = Vector512.Create(a[6]);
            c60 = GemmFma.Of(x, b0, c60); c61 = GemmFma.Of(x, b1, c61);
            x = Vector512.Create(a[7]);
            c70 = GemmFma.Of(x, b0, c70); c71 = GemmFma.Of(x, b1, c71);
            x = Vector512.Create(a[8]);
            c80 = GemmFma.Of(x, b0, c80); c81 = GemmFma.Of(x, b1, c81);
            x = Vector512.Create(a[9]);
            c90 = GemmFma.Of(x, b0, c90); c91 = GemmFma.Of(x, b1, c91);
            x = Vector512.Create(a[10]);
            c100 = GemmFma.Of(x, b0, c100); c101 = GemmFma.Of(x, b1, c101);
            x = Vector512.Create(a[11]);
            c110 = GemmFma.Of(x, b0, c110); c111 = GemmFma.Of(x, b1, c111);
        }
        // One add into C per block: C holds the sum of the earlier blocks.
        (Vector512.Load(c) + c00).Store(c);
        (Vector512.Load(c + 1 * w) + c01).Store(c + 1 * w);
        (Vector512.Load(c + 1 * ldc) + c10).Store(c + 1 * ldc);
        (Vector512.Load(c + 1 * ldc + 1 * w) + c11).Store(c + 1 * ldc + 1 * w);
        (Vector512.Load(c + 2 * ldc) + c20).Store(c + 2 * ldc);
        (Vector512.Load(c + 2 * ldc + 1 * w) + c21).Store(c + 2 * ldc + 1 * w);
        (Vector512.Load(c + 3 * ldc) + c30).Store(c + 3 * ldc);
        (Vector512.Load(c + 3 * ldc + 1 * w) + c31).Store(c + 3 * ldc + 1 * w);
        (Vector512.Load(c + 4 * ldc) + c40).Store(c + 4 * ldc);
        (Vector512.Load(c + 4 * ldc + 1 * w) + c41).Store(c + 4 * ldc + 1 * w);
        (Vector512.Load(c + 5 * ldc) + c50).Store(c + 5 * ldc);
        (Vector512.Load(c + 5 * ldc + 1 * w) + c51).Store(c + 5 * ldc + 1 * w);
        (Vector512.Load(c + 6 * ldc) + c60).Store(c + 6 * ldc);
        (Vector512.Load(c + 6 * ldc + 1 * w) + c61).Store(c + 6 * ldc + 1 * w);
        (Vector512.Load(c + 7 * ldc) + c70).Store(c + 7 * ldc);
        (Vector512.Load(c + 7 * ldc + 1 * w) + c71).Store(c + 7 * ldc + 1 * w);
        (Vector512.Load(c + 8 * ldc) + c80).Store(c + 8 * ldc);
        (Vector512.Load(c + 8 * ldc + 1 * w) + c81).Store(c + 8 * ldc + 1 * w);
        (Vector512.Load(c + 9 * ldc) + c90).Store(c + 9 * ldc);
        (Vector512.Load(c + 9 * ldc + 1 * w) + c91).Store(c + 9 * ldc + 1 * w);
        (Vector512.Load(c + 10 * ldc) + c100).Store(c + 10 * ldc);
        (Vector512.Load(c + 10 * ldc + 1 * w) + c101).Store(c + 10 * ldc + 1 * w);
        (Vector512.Load(c + 11 * ldc) + c110).Store(c + 11 * ldc);
        (Vector512.Load(c + 11 * ldc + 1 * w) + c111).Store(c + 11 * ldc + 1 * w);
    }
}
