namespace RepLearn.Functional.Tensors;

/// <summary>
/// A 12 x 2-vector register tile for a 32-register file: two <see cref="Tile6x2{T, TVector, TOps}"/> stacked, sharing
/// each k step's B row. The AVX-512 path runs it on Vector512 (12 x 16 doubles, 12 x 32 floats): 24 of the 32 zmm
/// registers, two for the B row and one for the broadcast, leaving headroom so the JIT need not spill. Not yet run on
/// AVX-512 hardware; the properties run it on every machine, on .NET's software Vector512 where it is not accelerated.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <typeparam name="TOps">Its operations (<see cref="GemmVectors{T}"/>).</typeparam>
internal unsafe struct Tile12x2<T, TVector, TOps> : IRegisterTile<T>
    where T : unmanaged where TVector : struct where TOps : IGemmVector<T, TVector>
{
    private Tile6x2<T, TVector, TOps> top, bottom;

    /// <inheritdoc/>
    public static int Rows => 12;

    /// <inheritdoc/>
    public static int Columns => 2 * TOps.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MultiplyAdd<TRows>(T* a, T* b, int step) where TRows : IRowCount
    {
        var (b0, b1) = (TOps.Load(b + step * Columns), TOps.Load(b + step * Columns + TOps.Count));
        top.MultiplyAdd<TRows>(a, step * Rows, b0, b1, 0);
        if (TRows.Count > 6) bottom.MultiplyAdd<TRows>(a, step * Rows + 6, b0, b1, 6);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void AddTo<TRows>(T* c, nint ldc, bool overwrite) where TRows : IRowCount
    {
        top.AddTo<TRows>(c, ldc, overwrite, 0);
        if (TRows.Count > 6) bottom.AddTo<TRows>(c + 6 * ldc, ldc, overwrite, 6);
    }
}
