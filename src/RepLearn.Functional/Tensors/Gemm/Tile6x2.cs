namespace RepLearn.Functional.Tensors;

/// <summary>
/// A 6 x 2-vector register tile for a 16-register file: 12 accumulators, two registers for the B row and one for the
/// broadcast A element. The AVX2 + FMA path runs it on Vector256 (6 x 8 doubles, 6 x 16 floats in ymm), x64's
/// 128-bit path on Vector128 (6 x 4, 6 x 8 in xmm). Per k step: 2 loads, 6 broadcasts, 12 FMAs, enough independent
/// chains (12) to cover FMA latency 4 x throughput 2 on Zen and Intel cores.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <typeparam name="TOps">Its operations (<see cref="GemmVectors{T}"/>).</typeparam>
internal unsafe struct Tile6x2<T, TVector, TOps> : IRegisterTile<T>
    where T : unmanaged where TVector : struct where TOps : IGemmVector<T, TVector>
{
    private TVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;

    /// <inheritdoc/>
    public static int Rows => 6;

    /// <inheritdoc/>
    public static int Columns => 2 * TOps.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MultiplyAdd<TRows>(T* a, T* b, int step) where TRows : IRowCount =>
        MultiplyAdd<TRows>(a, step * Rows, TOps.Load(b + step * Columns), TOps.Load(b + step * Columns + TOps.Count), 0);

    /// <summary>
    /// A k step with the B row already loaded, the tile's A values at a[first .. first + 5]
    /// (<see cref="Tile12x2{T, TVector, TOps}"/> shares the B row between two tiles); this tile's rows are rows
    /// <paramref name="rowBase"/>.. of the live count (a constant after inlining, so the tests fold away).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MultiplyAdd<TRows>(T* a, int first, TVector b0, TVector b1, int rowBase) where TRows : IRowCount
    {
        if (TRows.Count > rowBase) Row(a[first], b0, b1, ref c00, ref c01);
        if (TRows.Count > rowBase + 1) Row(a[first + 1], b0, b1, ref c10, ref c11);
        if (TRows.Count > rowBase + 2) Row(a[first + 2], b0, b1, ref c20, ref c21);
        if (TRows.Count > rowBase + 3) Row(a[first + 3], b0, b1, ref c30, ref c31);
        if (TRows.Count > rowBase + 4) Row(a[first + 4], b0, b1, ref c40, ref c41);
        if (TRows.Count > rowBase + 5) Row(a[first + 5], b0, b1, ref c50, ref c51);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void AddTo<TRows>(T* c, nint ldc, bool overwrite) where TRows : IRowCount => AddTo<TRows>(c, ldc, overwrite, 0);

    /// <summary><see cref="AddTo{TRows}(T*, nint, bool)"/> for rows <paramref name="rowBase"/>.. of the live count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void AddTo<TRows>(T* c, nint ldc, bool overwrite, int rowBase) where TRows : IRowCount
    {
        if (TRows.Count > rowBase) AddRow(c, c00, c01, overwrite);
        if (TRows.Count > rowBase + 1) AddRow(c + ldc, c10, c11, overwrite);
        if (TRows.Count > rowBase + 2) AddRow(c + 2 * ldc, c20, c21, overwrite);
        if (TRows.Count > rowBase + 3) AddRow(c + 3 * ldc, c30, c31, overwrite);
        if (TRows.Count > rowBase + 4) AddRow(c + 4 * ldc, c40, c41, overwrite);
        if (TRows.Count > rowBase + 5) AddRow(c + 5 * ldc, c50, c51, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(T a, TVector b0, TVector b1, ref TVector c0, ref TVector c1)
    {
        var x = TOps.Broadcast(a);
        c0 = TOps.MultiplyAdd(x, b0, c0);
        c1 = TOps.MultiplyAdd(x, b1, c1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(T* c, TVector c0, TVector c1, bool overwrite)
    {
        if (overwrite)
        {
            TOps.Store(c, c0);
            TOps.Store(c + TOps.Count, c1);
            return;
        }
        TOps.AddTo(c, c0);
        TOps.AddTo(c + TOps.Count, c1);
    }
}
