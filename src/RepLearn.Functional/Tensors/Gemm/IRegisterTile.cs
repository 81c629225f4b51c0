namespace RepLearn.Functional.Tensors;

/// <summary>
/// The accumulators of a micro-kernel (<see cref="GemmKernel{T, TTile}"/>): a <see cref="Rows"/> x <see cref="Columns"/>
/// block of C held in registers from zero (the default value), fed one k step at a time and added into C once.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
internal unsafe interface IRegisterTile<T> where T : unmanaged
{
    /// <summary>Rows of the tile, MR.</summary>
    static abstract int Rows { get; }

    /// <summary>Columns of the tile, NR.</summary>
    static abstract int Columns { get; }

    /// <summary>
    /// k step <paramref name="step"/> of the packed slivers at a (<see cref="Rows"/> values a step) and b (<see cref="Columns"/>
    /// values a step): acc[r, j] = fma(a_step[r], b_step[j], acc[r, j]). The kernel passes the step as a constant, so
    /// every load has a constant offset from a and b.
    /// </summary>
    void MultiplyAdd<TRows>(T* a, T* b, int step) where TRows : IRowCount;

    /// <summary>
    /// C[r, j] += acc[r, j], or C[r, j] = acc[r, j] when <paramref name="overwrite"/> (the first KC block, on a C not
    /// cleared: the same bits as adding to a zero, since a chain from +0 never ends at -0), C with row stride
    /// <paramref name="ldc"/>. Only the first <typeparamref name="TRows"/> rows, in both members.
    /// </summary>
    void AddTo<TRows>(T* c, nint ldc, bool overwrite) where TRows : IRowCount;
}
