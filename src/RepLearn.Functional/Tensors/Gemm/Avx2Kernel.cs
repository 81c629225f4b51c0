using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// The AVX2 + FMA micro-kernel: a 6 x 2-vector tile (6 x 8 doubles, 6 x 16 floats) in 12 of the 16 ymm
/// registers, two for the B row and one for the broadcast A element. Per k step: 2 loads, 6 broadcasts,
/// 12 FMAs, enough independent chains (12) to cover FMA latency 4 x throughput 2 on Zen and Intel cores.
/// Unrolled by 4 to halve the loop overhead per FMA.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
internal readonly unsafe struct Avx2Kernel<T> : IGemmKernel<T> where T : unmanaged
{
    /// <inheritdoc/>
    public static int MR => 6;

    /// <inheritdoc/>
    public static int NR => 2 * Vector256<T>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(T* a, T* b, nint kc, T* c, nint ldc)
    {
        var w = Vector256<T>.Count;
        var nr = 2 * w;
        // C is read once, at the end: start its lines on their way now, hidden behind the FMAs.
        if (Sse.IsSupported)
            for (nint r = 0; r < 6; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + nr - 1);
            }
        Vector256<T> c00 = default, c01 = default;
        Vector256<T> c10 = default, c11 = default;
        Vector256<T> c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default;
        Vector256<T> c40 = default, c41 = default;
        Vector256<T> c50 = default, c51 = default;
        Vector256<T> x, b0, b1;
        nint p = 0;
        for (; p + 4 <= kc; p += 4, a += 24, b += 4 * nr)
        {
            b0 = Vector256.Load(b);
            b1 = Vector256.Load(b + 1 * w);
            x = Vector256.Create(a[0]);
            c00 = GemmFma.Of(x, b0, c00); c01 = GemmFma.Of(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = GemmFma.Of(x, b0, c10); c11 = GemmFma.Of(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = GemmFma.Of(x, b0, c20); c21 = GemmFma.Of(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = GemmFma.Of(x, b0, c30); c31 = GemmFma.Of(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = GemmFma.Of(x, b0, c40); c41 = GemmFma.Of(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = GemmFma.Of(x, b0, c50); c51 = GemmFma.Of(x, b1, c51);
            b0 = Vector256.Load(b + 1 * nr);
            b1 = Vector256.Load(b + 1 * nr + 1 * w);
            x = Vector256.Create(a[6 + 0]);
            c00 = GemmFma.Of(x, b0, c00); c01 = GemmFma.Of(x, b1, c01);
            x = Vector256.Create(a[6 + 1]);
            c10 = GemmFma.Of(x, b0, c10); c11 = GemmFma.Of(x, b1, c11);
            x = Vector256.Create(a[6 + 2]);
            c20 = GemmFma.Of(x, b0, c20); c21 = GemmFma.Of(x, b1, c21);
            x = Vector256.Create(a[6 + 3]);
            c30 = GemmFma.Of(x, b0, c30); c31 = GemmFma.Of(x, b1, c31);
            x = Vector256.Create(a[6 + 4]);
            c40 = GemmFma.Of(x, b0, c40); c41 = GemmFma.Of(x, b1, c41);
            x = Vector256.Create(a[6 + 5]);
            c50 = GemmFma.Of(x, b0, c50); c51 = GemmFma.Of(x, b1, c51);
            b0 = Vector256.Load(b + 2 * nr);
            b1 = Vector256.Load(b + 2 * nr + 1 * w);
            x = Vector256.Create(a[12 + 0]);
            c00 = GemmFma.Of(x, b0, c00); c01 = GemmFma.Of(x, b1, c01);
            x = Vector256.Create(a[12 + 1]);
            c10 = GemmFma.Of(x, b0, c10); c11 = GemmFma.Of(x, b1, c11);
            x = Vector256.Create(a[12 + 2]);
            c20 = GemmFma.Of(x, b0, c20); c21 = GemmFma.Of(x, b1, c21);
            x = Vector256.Create(a[12 + 3]);
            c30 = GemmFma.Of(x, b0, c30); c31 = GemmFma.Of(x, b1, c31);
            x = Vector256.Create(a[12 + 4]);
            c40 = GemmFma.Of(x, b0, c40); c41 = GemmFma.Of(x, b1, c41);
            x = Vector256.Create(a[12 + 5]);
            c50 = GemmFma.Of(x, b0, c50); c51 = GemmFma.Of(x, b1, c51);
            b0 = Vector256.Load(b + 3 * nr);
            b1 = Vector256.Load(b + 3 * nr + 1 * w);
            x = Vector256.Create(a[18 + 0]);
            c00 = GemmFma.Of(x, b0, c00); c01 = GemmFma.Of(x, b1, c01);
            x = Vector256.Create(a[18 + 1]);
            c10 = GemmFma.Of(x, b0, c10); c11 = GemmFma.Of(x, b1, c11);
            x = Vector256.Create(a[18 + 2]);
            c20 = GemmFma.Of(x, b0, c20); c21 = GemmFma.Of(x, b1, c21);
            x = Vector256.Create(a[18 + 3]);
            c30 = GemmFma.Of(x, b0, c30); c31 = GemmFma.Of(x, b1, c31);
            x = Vector256.Create(a[18 + 4]);
            c40 = GemmFma.Of(x, b0, c40); c41 = GemmFma.Of(x, b1, c41);
            x = Vector256.Create(a[18 + 5]);
            c50 = GemmFma.Of(x, b0, c50); c51 = GemmFma.Of(x, b1, c51);
        }
        for (; p < kc; p++, a += 6, b += nr)
        {
            b0 = Vector256.Load(b);
            b1 = Vector256.Load(b + 1 * w);
            x = Vector256.Create(a[0]);
            c00 = GemmFma.Of(x, b0, c00); c01 = GemmFma.Of(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = GemmFma.Of(x, b0, c10); c11 = GemmFma.Of(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = GemmFma.Of(x, b0, c20); c21 = GemmFma.Of(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = GemmFma.Of(x, b0, c30); c31 = GemmFma.Of(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = GemmFma.Of(x, b0, c40); c41 = GemmFma.Of(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = GemmFma.Of(x, b0, c50); c51 = GemmFma.Of(x, b1, c51);
        }
        // One add into C per block: C holds the sum of the earlier blocks.
        (Vector256.Load(c) + c00).Store(c);
        (Vector256.Load(c + 1 * w) + c01).Store(c + 1 * w);
        (Vector256.Load(c + 1 * ldc) + c10).Store(c + 1 * ldc);
        (Vector256.Load(c + 1 * ldc + 1 * w) + c11).Store(c + 1 * ldc + 1 * w);
        (Vector256.Load(c + 2 * ldc) + c20).Store(c + 2 * ldc);
        (Vector256.Load(c + 2 * ldc + 1 * w) + c21).Store(c + 2 * ldc + 1 * w);
        (Vector256.Load(c + 3 * ldc) + c30).Store(c + 3 * ldc);
        (Vector256.Load(c + 3 * ldc + 1 * w) + c31).Store(c + 3 * ldc + 1 * w);
        (Vector256.Load(c + 4 * ldc) + c40).Store(c + 4 * ldc);
        (Vector256.Load(c + 4 * ldc + 1 * w) + c41).Store(c + 4 * ldc + 1 * w);
        (Vector256.Load(c + 5 * ldc) + c50).Store(c + 5 * ldc);
        (Vector256.Load(c + 5 * ldc + 1 * w) + c51).Store(c + 5 * ldc + 1 * w);
    }
}
