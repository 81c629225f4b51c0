namespace RepLearn.Functional.Tensors;

/// <summary>
/// The GotoBLAS / BLIS loop nest around one micro-kernel: for each NC-column block of B, each KC block of
/// the inner index, each MC-row block of A (packed, kept in L2), each NR-column micro-panel of B (packed
/// during the first A block, kept in L1 while in use, in L3 after) and each MR-row sliver of A, one
/// <typeparamref name="TKernel"/> tile.
/// Large products split the columns of C between threads; each thread runs the whole nest on its columns,
/// so every C element sums its k terms in the same order whatever the number of threads.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
/// <typeparam name="TKernel">The micro-kernel, compiled into this driver with its tile size as constants.</typeparam>
internal static unsafe class GemmDriver<T, TKernel> where T : unmanaged where TKernel : struct, IGemmKernel<T>
{
    /// <summary>B micro-panels packed together, just before the first A block uses them.</summary>
    private const int PackGroup = 4;

    /// <summary>Products with fewer multiply-adds than this stay on one thread.</summary>
    private const long ParallelThreshold = 4_000_000;

    /// <summary>
    /// C = op(A) op(B) for m, k, n &gt; 0, C m x n row-major (its old contents are not read); A, B as in
    /// <see cref="GemmPacking"/>. Uses at most <paramref name="threads"/> threads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(T* a, bool transA, T* b, bool transB, T* c, int m, int k, int n, int threads)
    {
        var nr = TKernel.NR;
        var blocking = GemmBlocking.For(sizeof(T), TKernel.MR, nr, m, k, n);
        var panels = (n + nr - 1) / nr;
        threads = (long)m * n * k >= ParallelThreshold ? Math.Clamp(Math.Min(threads, panels), 1, panels) : 1;
        if (threads == 1)
        {
            Columns(a, transA, b, transB, c, m, k, n, 0, n, blocking);
            return;
        }
        // Column ranges on NR boundaries: whole micro-panels per thread, disjoint writes to C.
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var j0 = (int)((long)t * panels / threads) * nr;
            var j1 = Math.Min(n, (int)((long)(t + 1) * panels / threads) * nr);
            Columns((T*)pa, transA, (T*)pb, transB, (T*)pc, m, k, n, j0, j1, blocking);
        });
    }

    /// <summary>C[:, j0 : j1] = op(A) op(B)[:, j0 : j1] on this thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns(T* a, bool transA, T* b, bool transB, T* c, int m, int k, int n, int j0, int j1, GemmBlocking blocking)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        var (kcMax, mcMax, ncMax) = blocking;
        var packedA = GemmBuffers<T>.A(mcMax * kcMax);
        var packedB = GemmBuffers<T>.B(ncMax * kcMax);
        var edge = stackalloc T[mr * nr];
        for (var jc = j0; jc < j1; jc += ncMax)
        {
            var nc = Math.Min(ncMax, j1 - jc);
            // KC blocks in order: the first writes its chains into C, each later one adds its chains, the order every
            // path and thread count shares.
            for (var pc = 0; pc < k; pc += kcMax)
            {
                var kc = Math.Min(kcMax, k - pc);
                for (var ic = 0; ic < m; ic += mcMax)
                {
                    var mc = Math.Min(mcMax, m - ic);
                    GemmPacking.A(a, transA, m, k, ic, mc, pc, kc, mr, packedA);
                    // The first A block packs the B micro-panels, a few at a time, just before using them, while
                    // they are still in L1 / L2, instead of packing the whole B block first (which, larger than L2,
                    // would then be read back from L3); later A blocks reuse the packed B.
                    var packB = ic == 0 ? b : null;
                    MacroKernel(packedA, packedB, c + (nint)ic * n + jc, n, mc, nc, kc, edge, packB, transB, k, n, pc, jc, overwrite: pc == 0);
                }
            }
        }
    }

    /// <summary>
    /// The mc x nc block of C at <paramref name="c"/> += (or = when <paramref name="overwrite"/>) packed A block times
    /// packed B block; when <paramref name="packB"/> is not null, each B micro-panel is first packed from it (op(B) rows
    /// pc.., columns jc..).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(T* packedA, T* packedB, T* c, int ldc, int mc, int nc, int kc, T* edge,
        T* packB, bool transB, int k, int n, int pc, int jc, bool overwrite)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        for (var jr = 0; jr < nc; jr += nr)
        {
            var cols = Math.Min(nr, nc - jr);
            var panelB = packedB + (nint)jr * kc;
            // Micro-panels are packed PackGroup at a time (a few cache lines of each source row, 4 x 12.5 KB of doubles:
            // still in L1 / L2 when their tiles run).
            if (packB != null && jr % (PackGroup * nr) == 0)
                GemmPacking.B(packB, transB, k, n, pc, kc, jc + jr, Math.Min(PackGroup * nr, nc - jr), nr, panelB);
            for (var ir = 0; ir < mc; ir += mr)
            {
                var rows = Math.Min(mr, mc - ir);
                var panelA = packedA + (nint)ir * kc;
                var tile = c + (nint)ir * ldc + jr;
                // Full tiles and tiles short of rows (the last sliver when MR does not divide mc) go straight to C.
                if (cols == nr)
                {
                    TKernel.Tile(panelA, panelB, kc, tile, ldc, overwrite, rows);
                    continue;
                }
                // Short of columns: the tile written into a scratch tile, then its valid part written or added into
                // C, the same single write or add as a full tile.
                TKernel.Tile(panelA, panelB, kc, edge, nr, overwrite: true, rows);
                for (var r = 0; r < rows; r++)
                    for (var j = 0; j < cols; j++)
                        tile[(nint)r * ldc + j] = overwrite ? edge[r * nr + j] : GemmFma.Add(tile[(nint)r * ldc + j], edge[r * nr + j]);
            }
        }
    }
}
