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
            if (transA)
            {
                // Row p of the stored k x m matrix holds the sliver's mr values for step p: one short copy each.
                var src = a + (nint)p0 * m + i0 + ir;
                for (var p = 0; p < kc; p++, src += m)
                {
                    var dst = packed + (nint)p * mr;
                    for (var r = 0; r < rows; r++) dst[r] = src[r];
                    for (var r = rows; r < mr; r++) dst[r] = default;
                }
            }
            else
            {
                for (var r = 0; r < rows; r++)
                {
                    var src = a + (nint)(i0 + ir + r) * k + p0;
                    var dst = packed + r;
                    for (var p = 0; p < kc; p++, dst += mr) *dst = src[p];
                }
                for (var r = rows; r < mr; r++)
                    for (var p = 0; p < kc; p++) packed[(nint)p * mr + r] = default;
            }
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
            if (transB)
            {
                for (var j = 0; j < cols; j++)
                {
                    var src = b + (nint)(j0 + jr + j) * k + p0;
                    var dst = packed + j;
                    for (var p = 0; p < kc; p++, dst += nr) *dst = src[p];
                }
                for (var j = cols; j < nr; j++)
                    for (var p = 0; p < kc; p++) packed[(nint)p * nr + j] = default;
            }
            else
            {
                // Row p of B holds the sliver's nr values for step p: one contiguous copy each.
                var src = b + (nint)p0 * n + j0 + jr;
                for (var p = 0; p < kc; p++, src += n)
                {
                    var dst = packed + (nint)p * nr;
                    new ReadOnlySpan<T>(src, cols).CopyTo(new Span<T>(dst, cols));
                    for (var j = cols; j < nr; j++) dst[j] = default;
                }
            }
        }
    }
}
