using System.Numerics;
using System.Runtime.CompilerServices;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// Copies blocks of op(A) and op(B) into the micro-kernels' layout: A in MR-row slivers and B in NR-column
/// slivers, each p-major (the kc values a k step needs are adjacent) and zero-padded at the ragged edge,
/// so the kernel streams contiguous memory whatever the transposes.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0 : i0 + mc, p0 : p0 + kc] (op(A) is m x k; A is stored m x k, or k x m when
    /// <paramref name="transA"/>) into ceil(mc / mr) slivers of kc x mr.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void A<T>(T* a, bool transA, int m, int k, int i0, int mc, int p0, int kc, int mr, T* packed) where T : unmanaged
    {
        for (var ir = 0; ir < mc; ir += mr, packed += (nint)mr * kc)
        {
            var rows = Math.Min(mr, mc - ir);
            // Stored k x m, row p holds the sliver's values for step p; stored m x k, row i holds one row's kc values.
            if (transA) Steps(a + (nint)p0 * m + i0 + ir, m, rows, kc, mr, packed);
            else Lines(a + (nint)(i0 + ir) * k + p0, k, rows, kc, mr, packed);
        }
    }

    /// <summary>
    /// Packs op(B)[p0 : p0 + kc, j0 : j0 + nc] (op(B) is k x n; B is stored k x n, or n x k when
    /// <paramref name="transB"/>) into ceil(nc / nr) slivers of kc x nr.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void B<T>(T* b, bool transB, int k, int n, int p0, int kc, int j0, int nc, int nr, T* packed) where T : unmanaged
    {
        for (var jr = 0; jr < nc; jr += nr, packed += (nint)nr * kc)
        {
            var cols = Math.Min(nr, nc - jr);
            // Stored n x k, row j holds one column's kc values; stored k x n, row p holds the sliver's values for step p.
            if (transB) Lines(b + (nint)(j0 + jr) * k + p0, k, cols, kc, nr, packed);
            else Steps(b + (nint)p0 * n + j0 + jr, n, cols, kc, nr, packed);
        }
    }

    /// <summary>
    /// A kc x width sliver from a source whose row p (at <paramref name="source"/> + p * <paramref name="stride"/>) holds
    /// the sliver's first <paramref name="count"/> values for step p: one contiguous copy per step, the rest zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Steps<T>(T* source, nint stride, int count, int kc, int width, T* packed) where T : unmanaged
    {
        // A full sliver row is a few vectors (8 doubles or 16 floats on AVX2): copied by vector loads and stores, not a
        // memmove call per row (which cost as much as the copy).
        var vectors = count == width && width % Vector<T>.Count == 0 ? width / Vector<T>.Count : 0;
        for (var p = 0; p < kc; p++, source += stride)
        {
            var dst = packed + (nint)p * width;
            if (vectors > 0)
            {
                for (var v = 0; v < vectors; v++)
                    Unsafe.WriteUnaligned(dst + v * Vector<T>.Count, Unsafe.ReadUnaligned<Vector<T>>(source + v * Vector<T>.Count));
                continue;
            }
            for (var j = 0; j < count; j++) dst[j] = source[j];
            for (var j = count; j < width; j++) dst[j] = default;
        }
    }

    /// <summary>
    /// A kc x width sliver from a source whose row l (at <paramref name="source"/> + l * <paramref name="stride"/>) holds
    /// the kc values of the sliver's line l, for the first <paramref name="count"/> lines: each copied down its column,
    /// the other columns zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lines<T>(T* source, nint stride, int count, int kc, int width, T* packed) where T : unmanaged
    {
        var l = 0;
        // Four lines at a time: each step writes four adjacent values, reading four sequential streams.
        for (; l + 4 <= count; l += 4, source += 4 * stride)
        {
            T* s0 = source, s1 = source + stride, s2 = source + 2 * stride, s3 = source + 3 * stride;
            var dst = packed + l;
            for (var p = 0; p < kc; p++, dst += width)
            {
                dst[0] = s0[p];
                dst[1] = s1[p];
                dst[2] = s2[p];
                dst[3] = s3[p];
            }
        }
        for (; l < count; l++, source += stride)
        {
            var dst = packed + l;
            for (var p = 0; p < kc; p++, dst += width) *dst = source[p];
        }
        for (l = count; l < width; l++)
            for (var p = 0; p < kc; p++) packed[(nint)p * width + l] = default;
    }
}
