namespace RepLearn.Functional.Tensors;

/// <summary>
/// An 8 x 3-vector register tile for a 32-register file: 24 accumulators, three registers for the B row and one for
/// the broadcast. The 128-bit path runs it on ARM64's NEON registers (8 x 6 doubles, 8 x 12 floats).
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <typeparam name="TOps">Its operations (<see cref="GemmVectors{T}"/>).</typeparam>
internal unsafe struct Tile8x3<T, TVector, TOps> : IRegisterTile<T>
    where T : unmanaged where TVector : struct where TOps : IGemmVector<T, TVector>
{
    private TVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
    private TVector c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;

    /// <inheritdoc/>
    public static int Rows => 8;

    /// <inheritdoc/>
    public static int Columns => 3 * TOps.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MultiplyAdd<TRows>(T* a, T* b, int step) where TRows : IRowCount
    {
        var (first, w) = (step * Rows, TOps.Count);
        var (b0, b1, b2) = (TOps.Load(b + step * Columns), TOps.Load(b + step * Columns + w), TOps.Load(b + step * Columns + 2 * w));
        if (TRows.Count > 0) Row(a[first], b0, b1, b2, ref c00, ref c01, ref c02);
        if (TRows.Count > 1) Row(a[first + 1], b0, b1, b2, ref c10, ref c11, ref c12);
        if (TRows.Count > 2) Row(a[first + 2], b0, b1, b2, ref c20, ref c21, ref c22);
        if (TRows.Count > 3) Row(a[first + 3], b0, b1, b2, ref c30, ref c31, ref c32);
        if (TRows.Count > 4) Row(a[first + 4], b0, b1, b2, ref c40, ref c41, ref c42);
        if (TRows.Count > 5) Row(a[first + 5], b0, b1, b2, ref c50, ref c51, ref c52);
        if (TRows.Count > 6) Row(a[first + 6], b0, b1, b2, ref c60, ref c61, ref c62);
        if (TRows.Count > 7) Row(a[first + 7], b0, b1, b2, ref c70, ref c71, ref c72);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void AddTo<TRows>(T* c, nint ldc, bool overwrite) where TRows : IRowCount
    {
        if (TRows.Count > 0) AddRow(c, c00, c01, c02, overwrite);
        if (TRows.Count > 1) AddRow(c + ldc, c10, c11, c12, overwrite);
        if (TRows.Count > 2) AddRow(c + 2 * ldc, c20, c21, c22, overwrite);
        if (TRows.Count > 3) AddRow(c + 3 * ldc, c30, c31, c32, overwrite);
        if (TRows.Count > 4) AddRow(c + 4 * ldc, c40, c41, c42, overwrite);
        if (TRows.Count > 5) AddRow(c + 5 * ldc, c50, c51, c52, overwrite);
        if (TRows.Count > 6) AddRow(c + 6 * ldc, c60, c61, c62, overwrite);
        if (TRows.Count > 7) AddRow(c + 7 * ldc, c70, c71, c72, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(T a, TVector b0, TVector b1, TVector b2, ref TVector c0, ref TVector c1, ref TVector c2)
    {
        var x = TOps.Broadcast(a);
        c0 = TOps.MultiplyAdd(x, b0, c0);
        c1 = TOps.MultiplyAdd(x, b1, c1);
        c2 = TOps.MultiplyAdd(x, b2, c2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(T* c, TVector c0, TVector c1, TVector c2, bool overwrite)
    {
        if (overwrite)
        {
            TOps.Store(c, c0);
            TOps.Store(c + TOps.Count, c1);
            TOps.Store(c + 2 * TOps.Count, c2);
            return;
        }
        TOps.AddTo(c, c0);
        TOps.AddTo(c + TOps.Count, c1);
        TOps.AddTo(c + 2 * TOps.Count, c2);
    }
}
