using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// General matrix multiply C = op(A) op(B) on row-major buffers, op = identity or transpose.
/// GotoBLAS-style: for each block of KC inner indices both operands are packed into panels
/// (A into MR-row slivers, B into NR-column slivers, zero-padded), so the MR x 2-vector
/// micro-kernel streams contiguous memory whatever the transposes. Large products split the
/// B panels across cores; each core writes disjoint columns of C, so results do not depend on
/// the number of threads (every C element sums its k terms in the same order).
/// </summary>
internal static class Gemm
{
    /// <summary>Rows per micro-tile: 8 with 32 vector registers (AVX-512: 16 accumulators), else 6 (12 of 16).</summary>
    private static readonly int MR = Vector512.IsHardwareAccelerated ? 8 : 6;

    /// <summary>Largest block of inner indices packed at once; k is split into equal blocks no larger than this.</summary>
    private const int MaxKC = 256;

    /// <summary>512-bit vectors where the CPU has them (AVX-512), else the portable Vector&lt;double&gt;.</summary>
    private static readonly bool Wide = Vector512.IsHardwareAccelerated;
    private static readonly int W = Wide ? Vector512<double>.Count : Vector<double>.Count;
    private static readonly int NR = 2 * W;

    /// <summary>Products with fewer multiply-adds than this stay on one core.</summary>
    private const long ParallelThreshold = 4_000_000;

    /// <summary>
    /// Cores a large product may use: the REPLEARN_NUM_THREADS environment variable if set (read once,
    /// like OMP_NUM_THREADS), else all of them.
    /// </summary>
    internal static readonly int MaxThreads =
        int.TryParse(Environment.GetEnvironmentVariable("REPLEARN_NUM_THREADS"), out var t) && t >= 1 ? t : Environment.ProcessorCount;

    /// <summary>
    /// Returns the m x n buffer op(A) op(B), where op(A) is m x k and op(B) is k x n.
    /// A is stored m x k (or k x m when <paramref name="transA"/>), B is k x n (or n x k).
    /// </summary>
    public static double[] Multiply(double[] a, bool transA, double[] b, bool transB, int m, int k, int n)
    {
        var c = new double[checked(m * n)];
        if (m == 0 || n == 0 || k == 0) return c;
        var panelsA = (m + MR - 1) / MR;
        var panelsB = (n + NR - 1) / NR;
        // Equal blocks: k = 784 gives 4 x 196, not 3 x 256 + 16.
        var blocks = (k + MaxKC - 1) / MaxKC;
        var blockSize = (k + blocks - 1) / blocks;
        var packedA = System.Buffers.ArrayPool<double>.Shared.Rent(panelsA * MR * blockSize);
        var packedB = System.Buffers.ArrayPool<double>.Shared.Rent(panelsB * NR * blockSize);
        try
        {
            for (var p0 = 0; p0 < k; p0 += blockSize)
            {
                var kc = Math.Min(blockSize, k - p0);
                PackA(a, transA, m, k, p0, kc, packedA);
                PackB(b, transB, k, n, p0, kc, packedB);
                var accumulate = p0 > 0;
                var threads = (long)m * n * k >= ParallelThreshold ? Math.Min(MaxThreads, panelsB) : 1;
                if (threads <= 1)
                    Panels(packedA, packedB, c, m, n, kc, 0, panelsB, accumulate);
                else
                    Parallel.For(0, threads, t =>
                        Panels(packedA, packedB, c, m, n, kc, (int)(t * panelsB / threads), (int)((t + 1) * panelsB / threads), accumulate));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(packedA);
            System.Buffers.ArrayPool<double>.Shared.Return(packedB);
        }
        return c;
    }

    private static void Panels(double[] packedA, double[] packedB, double[] c, int m, int n, int kc, int firstB, int endB, bool accumulate)
    {
        Span<double> tile = stackalloc double[8 * 2 * 8];
        for (var jp = firstB; jp < endB; jp++)
        {
            var j0 = jp * NR;
            var cols = Math.Min(NR, n - j0);
            for (var ip = 0; ip * MR < m; ip++)
            {
                var i0 = ip * MR;
                var rows = Math.Min(MR, m - i0);
                if (Wide) MicroKernel512(packedA.AsSpan(ip * MR * kc, MR * kc), packedB.AsSpan(jp * NR * kc, NR * kc), kc, tile);
                else MicroKernel(packedA.AsSpan(ip * MR * kc, MR * kc), packedB.AsSpan(jp * NR * kc, NR * kc), kc, tile);
                for (var r = 0; r < rows; r++)
                {
                    var dst = c.AsSpan((i0 + r) * n + j0, cols);
                    var src = tile.Slice(r * NR, cols);
                    if (accumulate) Kernels.Add(dst, src, dst);
                    else src.CopyTo(dst);
                }
            }
        }
    }

    /// <summary>tile (MR x NR) = packedA sliver (kc x MR) times packedB sliver (kc x NR).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(ReadOnlySpan<double> pa, ReadOnlySpan<double> pb, int kc, Span<double> tile)
    {
        ref var ra = ref MemoryMarshal.GetReference(pa);
        ref var rb = ref MemoryMarshal.GetReference(pb);
        var w = (nuint)W;
        Vector<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nuint ia = 0, ib = 0, nr = (nuint)NR;
        const nuint mr = 6; // the portable kernel's tile height (MR when 512-bit vectors are absent)
        for (var p = 0; p < kc; p++, ia += mr, ib += nr)
        {
            var b0 = Vector.LoadUnsafe(ref rb, ib);
            var b1 = Vector.LoadUnsafe(ref rb, ib + w);
            var a = new Vector<double>(Unsafe.Add(ref ra, ia));
            c00 = Vector.FusedMultiplyAdd(a, b0, c00); c01 = Vector.FusedMultiplyAdd(a, b1, c01);
            a = new Vector<double>(Unsafe.Add(ref ra, ia + 1));
            c10 = Vector.FusedMultiplyAdd(a, b0, c10); c11 = Vector.FusedMultiplyAdd(a, b1, c11);
            a = new Vector<double>(Unsafe.Add(ref ra, ia + 2));
            c20 = Vector.FusedMultiplyAdd(a, b0, c20); c21 = Vector.FusedMultiplyAdd(a, b1, c21);
            a = new Vector<double>(Unsafe.Add(ref ra, ia + 3));
            c30 = Vector.FusedMultiplyAdd(a, b0, c30); c31 = Vector.FusedMultiplyAdd(a, b1, c31);
            a = new Vector<double>(Unsafe.Add(ref ra, ia + 4));
            c40 = Vector.FusedMultiplyAdd(a, b0, c40); c41 = Vector.FusedMultiplyAdd(a, b1, c41);
            a = new Vector<double>(Unsafe.Add(ref ra, ia + 5));
            c50 = Vector.FusedMultiplyAdd(a, b0, c50); c51 = Vector.FusedMultiplyAdd(a, b1, c51);
        }
        ref var rt = ref MemoryMarshal.GetReference(tile);
        c00.StoreUnsafe(ref rt, 0 * nr); c01.StoreUnsafe(ref rt, 0 * nr + w);
        c10.StoreUnsafe(ref rt, 1 * nr); c11.StoreUnsafe(ref rt, 1 * nr + w);
        c20.StoreUnsafe(ref rt, 2 * nr); c21.StoreUnsafe(ref rt, 2 * nr + w);
        c30.StoreUnsafe(ref rt, 3 * nr); c31.StoreUnsafe(ref rt, 3 * nr + w);
        c40.StoreUnsafe(ref rt, 4 * nr); c41.StoreUnsafe(ref rt, 4 * nr + w);
        c50.StoreUnsafe(ref rt, 5 * nr); c51.StoreUnsafe(ref rt, 5 * nr + w);
    }

    /// <summary>The micro-kernel on 512-bit vectors: an 8 x 16 tile in 16 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel512(ReadOnlySpan<double> pa, ReadOnlySpan<double> pb, int kc, Span<double> tile)
    {
        ref var ra = ref MemoryMarshal.GetReference(pa);
        ref var rb = ref MemoryMarshal.GetReference(pb);
        const nuint w = 8, nr = 16, mr = 8;
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<double> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        nuint ia = 0, ib = 0;
        for (var p = 0; p < kc; p++, ia += mr, ib += nr)
        {
            var b0 = Vector512.LoadUnsafe(ref rb, ib);
            var b1 = Vector512.LoadUnsafe(ref rb, ib + w);
            var a = Vector512.Create(Unsafe.Add(ref ra, ia));
            c00 = Vector512.FusedMultiplyAdd(a, b0, c00); c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(Unsafe.Add(ref ra, ia + 1));
            c10 = Vector512.FusedMultiplyAdd(a, b0, c10); c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(Unsafe.Add(ref ra, ia + 2));
            c20 = Vector512.FusedMultiplyAdd(a, b0, c20); c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(Unsafe.Add(ref ra, ia + 3));
            c30 = Vector512.FusedMultiplyAdd(a, b0, c30); c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(Unsafe.Add(ref ra, ia + 4));
            c40 = Vector512.FusedMultiplyAdd(a, b0, c40); c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(Unsafe.Add(ref ra, ia + 5));
            c50 = Vector512.FusedMultiplyAdd(a, b0, c50); c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            a = Vector512.Create(Unsafe.Add(ref ra, ia + 6));
            c60 = Vector512.FusedMultiplyAdd(a, b0, c60); c61 = Vector512.FusedMultiplyAdd(a, b1, c61);
            a = Vector512.Create(Unsafe.Add(ref ra, ia + 7));
            c70 = Vector512.FusedMultiplyAdd(a, b0, c70); c71 = Vector512.FusedMultiplyAdd(a, b1, c71);
        }
        ref var rt = ref MemoryMarshal.GetReference(tile);
        c00.StoreUnsafe(ref rt, 0 * nr); c01.StoreUnsafe(ref rt, 0 * nr + w);
        c10.StoreUnsafe(ref rt, 1 * nr); c11.StoreUnsafe(ref rt, 1 * nr + w);
        c20.StoreUnsafe(ref rt, 2 * nr); c21.StoreUnsafe(ref rt, 2 * nr + w);
        c30.StoreUnsafe(ref rt, 3 * nr); c31.StoreUnsafe(ref rt, 3 * nr + w);
        c40.StoreUnsafe(ref rt, 4 * nr); c41.StoreUnsafe(ref rt, 4 * nr + w);
        c50.StoreUnsafe(ref rt, 5 * nr); c51.StoreUnsafe(ref rt, 5 * nr + w);
        c60.StoreUnsafe(ref rt, 6 * nr); c61.StoreUnsafe(ref rt, 6 * nr + w);
        c70.StoreUnsafe(ref rt, 7 * nr); c71.StoreUnsafe(ref rt, 7 * nr + w);
    }

    /// <summary>Packs op(A)[:, p0 : p0 + kc] into MR-row slivers, p-major within each sliver.</summary>
    private static void PackA(double[] a, bool transA, int m, int k, int p0, int kc, double[] packed)
    {
        for (var ip = 0; ip * MR < m; ip++)
        {
            var dst = packed.AsSpan(ip * MR * kc, MR * kc);
            for (var r = 0; r < MR; r++)
            {
                var i = ip * MR + r;
                if (i >= m) { for (var p = 0; p < kc; p++) dst[p * MR + r] = 0; continue; }
                if (transA) for (var p = 0; p < kc; p++) dst[p * MR + r] = a[(p0 + p) * m + i];
                else
                {
                    var row = a.AsSpan(i * k + p0, kc);
                    for (var p = 0; p < kc; p++) dst[p * MR + r] = row[p];
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0 : p0 + kc, :] into NR-column slivers, p-major within each sliver.</summary>
    private static void PackB(double[] b, bool transB, int k, int n, int p0, int kc, double[] packed)
    {
        for (var jp = 0; jp * NR < n; jp++)
        {
            var j0 = jp * NR;
            var cols = Math.Min(NR, n - j0);
            var dst = packed.AsSpan(jp * NR * kc, NR * kc);
            for (var p = 0; p < kc; p++)
            {
                var d = dst.Slice(p * NR, NR);
                if (transB) for (var j = 0; j < cols; j++) d[j] = b[(j0 + j) * k + p0 + p];
                else b.AsSpan((p0 + p) * n + j0, cols).CopyTo(d);
                d[cols..].Clear();
            }
        }
    }
}
