namespace RepLearn.Functional.Tensors;

/// <summary>
/// A GEMM micro-kernel: an MR x NR tile of C accumulated in registers from packed panels. Implemented by
/// one struct per instruction set so the driver (<see cref="GemmDriver{T, TKernel}"/>) is compiled once
/// per kernel with MR and NR as constants.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
internal unsafe interface IGemmKernel<T> where T : unmanaged
{
    /// <summary>Rows of the register tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile.</summary>
    static abstract int NR { get; }

    /// <summary>
    /// C[0:rows, 0:NR] (row stride <paramref name="ldc"/>) += A sliver (kc x MR, p-major) times B sliver
    /// (kc x NR, p-major), or = when <paramref name="overwrite"/> (the first KC block); rows &lt;= MR, the rest of the
    /// sliver is padding. Each element's sum is one fused multiply-add chain from zero in p order, added to C once at
    /// the end: the order every kernel shares, so all give the same bits.
    /// </summary>
    static abstract void Tile(T* a, T* b, nint kc, T* c, nint ldc, bool overwrite, int rows);
}
