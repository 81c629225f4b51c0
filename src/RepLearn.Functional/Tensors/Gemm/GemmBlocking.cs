namespace RepLearn.Functional.Tensors;

/// <summary>
/// The GEMM's cache blocks: KC inner indices per packed panel, MC rows of A per packed block (kept in L2)
/// and NC columns of B per packed block (kept in a share of L3); the B micro-panel (KC x NR) stays in L1.
/// </summary>
/// <param name="KC">Inner indices per block.</param>
/// <param name="MC">Rows of op(A) per packed block, a multiple of MR.</param>
/// <param name="NC">Columns of op(B) per packed block, a multiple of NR.</param>
internal readonly record struct GemmBlocking(int KC, int MC, int NC)
{
    /// <summary>
    /// Largest KC. It is fixed rather than read from the cache sizes because it fixes the summation order
    /// (each C element adds one fused-multiply-add chain per block, blocks in order): with it fixed, every
    /// kernel path on every machine gives the same bits. 256 keeps an 8-wide double (or 16-wide float)
    /// B micro-panel at 16 KiB, half a 32 KiB L1.
    /// </summary>
    public const int MaxKC = 256;

    /// <summary>
    /// The KC for an inner dimension <paramref name="k"/>: k split into equal blocks no larger than MaxKC
    /// (k = 784 gives 4 x 196, not 3 x 256 + 16).
    /// </summary>
    public static int BlockK(int k)
    {
        var blocks = (k + MaxKC - 1) / MaxKC;
        return (k + blocks - 1) / blocks;
    }

    /// <summary>Blocks for an m x k by k x n product with a <paramref name="mr"/> x <paramref name="nr"/> micro-tile.</summary>
    public static GemmBlocking For(int elementSize, int mr, int nr, int m, int k, int n)
    {
        var kc = BlockK(k);
        var panel = (long)kc * elementSize;
        // A block: half of L2, leaving room for the streaming B micro-panel and C.
        var mcMax = (int)Math.Max(mr, CacheSizes.L2 / 2 / panel / mr * mr);
        // Equal blocks: m = 128 with mcMax 126 gives 2 x 66, not 126 + 2.
        var mBlocks = (m + mcMax - 1) / mcMax;
        var mc = RoundUp((m + mBlocks - 1) / mBlocks, mr);
        // B block: half of this core's share of L3.
        var l3Share = CacheSizes.L3 / Math.Max(1, Environment.ProcessorCount);
        var ncMax = (int)Math.Max(nr, Math.Min(int.MaxValue / 2, l3Share / 2 / panel / nr * nr));
        var nc = Math.Min(ncMax, RoundUp(n, nr));
        return new GemmBlocking(kc, mc, nc);
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
