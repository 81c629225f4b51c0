using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// The portable 128-bit micro-kernel for a 32-register file (NEON on ARM64): an 8 x 3-vector tile
/// (8 x 6 doubles, 8 x 12 floats) in 24 accumulators, three for the B row and one for the broadcast.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
internal readonly unsafe struct Vector128WideKernel<T> : IGemmKernel<T> where T : unmanaged
{
    /// <inheritdoc/>
    public static int MR => 8;

    /// <inheritdoc/>
    public static int NR => 3 * Vector128<T>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(T* a, T* b, nint kc, T* c, nint ldc)
    {
        var w = Vector128<T>.Count;
        var nr = 3 * w;
        // C is read once, at the end: start its lines on their way now, hidden behind the FMAs.
        if (Sse.IsSupported)
            for (nint r = 0; r < 8; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + nr - 1);
            }
        Vector128<T> c00 = default, c01 = default, c02 = default;
        Vector128<T> c10 = default, c11 = default, c12 = default;
        Vector128<T> c20 = default, c21 = default, c22 = default;
        Vector128<T> c30 = default, c31 = default, c32 = default;
        Vector128<T> c40 = default, c41 = default, c42 = default;
        Vector128<T> c50 = default, c51 = default, c52 = default;
        Vector128<T> c60 = default, c61 = default, c62 = default;
        Vector128<T> c70 = default, c71 = default, c72 = default;
        Vector128<T> x, b0, b1, b2;
        for (nint p = 0; p < kc; p++, a += 8, b += nr)
        {
            b0 = Vector128.Load(b);
            b1 = Vector128.Load(b + 1 * w);
            b2 = Vector128.Load(b + 2 * w);
            x = Vector128.Create(a[0]);
            c00 = GemmFma.Of(x, b0, c00); c01 = GemmFma.Of(x, b1, c01); c02 = GemmFma.Of(x, b2, c02);
            x = Vector128.Create(a[1]);
            c10 = GemmFma.Of(x, b0, c10); c11 = GemmFma.Of(x, b1, c11); c12 = GemmFma.Of(x, b2, c12);
            x = Vector128.Create(a[2]);
            c20 = GemmFma.Of(x, b0, c20); c21 = GemmFma.Of(x, b1, c21); c22 = GemmFma.Of(x, b2, c22);
            x = Vector128.Create(a[3]);
            c30 = GemmFma.Of(x, b0, c30); c31 = GemmFma.Of(x, b1, c31); c32 = GemmFma.Of(x, b2, c32);
            x = Vector128.Create(a[4]);
            c40 = GemmFma.Of(x, b0, c40); c41 = GemmFma.Of(x, b1, c41); c42 = GemmFma.Of(x, b2, c42);
            x = Vector128.Create(a[5]);
            c50 = GemmFma.Of(x, b0, c50); c51 = GemmFma.Of(x, b1, c51); c52 = GemmFma.Of(x, b2, c52);
            x = Vector128.Create(a[6]);
            c60 = GemmFma.Of(x, b0, c60); c61 = GemmFma.Of(x, b1, c61); c62 = GemmFma.Of(x, b2, c62);
            x = Vector128.Create(a[7]);
            c70 = GemmFma.Of(x, b0, c70); c71 = GemmFma.Of(x, b1, c71); c72 = GemmFma.Of(x, b2, c72);
        }
        // One add into C per block: C holds the sum of the earlier blocks.
        (Vector128.Load(c) + c00).Store(c);
        (Vector128.Load(c + 1 * w) + c01).Store(c + 1 * w);
        (Vector128.Load(c + 2 * w) + c02).Store(c + 2 * w);
        (Vector128.Load(c + 1 * ldc) + c10).Store(c + 1 * ldc);
        (Vector128.Load(c + 1 * ldc + 1 * w) + c11).Store(c + 1 * ldc + 1 * w);
        (Vector128.Load(c + 1 * ldc + 2 * w) + c12).Store(c + 1 * ldc + 2 * w);
        (Vector128.Load(c + 2 * ldc) + c20).Store(c + 2 * ldc);
        (Vector128.Load(c + 2 * ldc + 1 * w) + c21).Store(c + 2 * ldc + 1 * w);
        (Vector128.Load(c + 2 * ldc + 2 * w) + c22).Store(c + 2 * ldc + 2 * w);
        (Vector128.Load(c + 3 * ldc) + c30).Store(c + 3 * ldc);
        (Vector128.Load(c + 3 * ldc + 1 * w) + c31).Store(c + 3 * ldc + 1 * w);
        (Vector128.Load(c + 3 * ldc + 2 * w) + c32).Store(c + 3 * ldc + 2 * w);
        (Vector128.Load(c + 4 * ldc) + c40).Store(c + 4 * ldc);
        (Vector128.Load(c + 4 * ldc + 1 * w) + c41).Store(c + 4 * ldc + 1 * w);
        (Vector128.Load(c + 4 * ldc + 2 * w) + c42).Store(c + 4 * ldc + 2 * w);
        (Vector128.Load(c + 5 * ldc) + c50).Store(c + 5 * ldc);
        (Vector128.Load(c + 5 * ldc + 1 * w) + c51).Store(c + 5 * ldc + 1 * w);
        (Vector128.Load(c + 5 * ldc + 2 * w) + c52).Store(c + 5 * ldc + 2 * w);
        (Vector128.Load(c + 6 * ldc) + c60).Store(c + 6 * ldc);
        (Vector128.Load(c + 6 * ldc + 1 * w) + c61).Store(c + 6 * ldc + 1 * w);
        (Vector128.Load(c + 6 * ldc + 2 * w) + c62).Store(c + 6 * ldc + 2 * w);
        (Vector128.Load(c + 7 * ldc) + c70).Store(c + 7 * ldc);
        (Vector128.Load(c + 7 * ldc + 1 * w) + c71).Store(c + 7 * ldc + 1 * w);
        (Vector128.Load(c + 7 * ldc + 2 * w) + c72).Store(c + 7 * ldc + 2 * w);
    }
}
