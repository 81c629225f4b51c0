using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// The portable 128-bit micro-kernel for a 16-register file (SSE/AVX xmm on x64): a 6 x 2-vector tile
/// (6 x 4 doubles, 6 x 8 floats) in 12 accumulators, as <see cref="Avx2Kernel{T}"/> at half the width.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
internal readonly unsafe struct Vector128Kernel<T> : IGemmKernel<T> where T : unmanaged
{
    /// <inheritdoc/>
    public static int MR => 6;

    /// <inheritdoc/>
    public static int NR => 2 * Vector128<T>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(T* a, T* b, nint kc, T* c, nint ldc)
    {
        var w = Vector128<T>.Count;
        var nr = 2 * w;
        // C is read once, at the end: start its lines on their way now, hidden behind the FMAs.
        if (Sse.IsSupported)
            for (nint r = 0; r < 6; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + nr - 1);
            }
        Vector128<T> c00 = default, c01 = default;
        Vector128<T> c10 = default, c11 = default;
        Vector128<T> c20 = default, c21 = default;
        Vector128<T> c30 = default, c31 = default;
        Vector128<T> c40 = default, c41 = default;
        Vector128<T> c50 = default, c51 = default;
        Vector128<T> x, b0, b1;
        for (nint p = 0; p < kc; p++, a += 6, b += nr)
        {
            b0 = Vector128.Load(b);
            b1 = Vector128.Load(b + 1 * w);
            x = Vector128.Create(a[0]);
            c00 = GemmFma.Of(x, b0, c00); c01 = GemmFma.Of(x, b1, c01);
            x = Vector128.Create(a[1]);
            c10 = GemmFma.Of(x, b0, c10); c11 = GemmFma.Of(x, b1, c11);
            x = Vector128.Create(a[2]);
            c20 = GemmFma.Of(x, b0, c20); c21 = GemmFma.Of(x, b1, c21);
            x = Vector128.Create(a[3]);
            c30 = GemmFma.Of(x, b0, c30); c31 = GemmFma.Of(x, b1, c31);
            x = Vector128.Create(a[4]);
            c40 = GemmFma.Of(x, b0, c40); c41 = GemmFma.Of(x, b1, c41);
            x = Vector128.Create(a[5]);
            c50 = GemmFma.Of(x, b0, c50); c51 = GemmFma.Of(x, b1, c51);
        }
        // One add into C per block: C holds the sum of the earlier blocks.
        (Vector128.Load(c) + c00).Store(c);
        (Vector128.Load(c + 1 * w) + c01).Store(c + 1 * w);
        (Vector128.Load(c + 1 * ldc) + c10).Store(c + 1 * ldc);
        (Vector128.Load(c + 1 * ldc + 1 * w) + c11).Store(c + 1 * ldc + 1 * w);
        (Vector128.Load(c + 2 * ldc) + c20).Store(c + 2 * ldc);
        (Vector128.Load(c + 2 * ldc + 1 * w) + c21).Store(c + 2 * ldc + 1 * w);
        (Vector128.Load(c + 3 * ldc) + c30).Store(c + 3 * ldc);
        (Vector128.Load(c + 3 * ldc + 1 * w) + c31).Store(c + 3 * ldc + 1 * w);
        (Vector128.Load(c + 4 * ldc) + c40).Store(c + 4 * ldc);
        (Vector128.Load(c + 4 * ldc + 1 * w) + c41).Store(c + 4 * ldc + 1 * w);
        (Vector128.Load(c + 5 * ldc) + c50).Store(c + 5 * ldc);
        (Vector128.Load(c + 5 * ldc + 1 * w) + c51).Store(c + 5 * ldc + 1 * w);
    }
}
