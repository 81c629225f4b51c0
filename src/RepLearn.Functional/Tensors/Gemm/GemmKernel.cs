using System.Runtime.Intrinsics.X86;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// The vector micro-kernels: a register tile (<typeparamref name="TTile"/>) zeroed, fed the packed A and B slivers
/// one k step at a time, then written (first KC block) or added into C, only its live rows. Compiled per tile, so MR,
/// NR and every tile call are constants and inlined.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
/// <typeparam name="TTile">The register tile: <see cref="Tile6x2{T, TVector, TOps}"/>, <see cref="Tile12x2{T, TVector, TOps}"/> or <see cref="Tile8x3{T, TVector, TOps}"/>.</typeparam>
internal readonly unsafe struct GemmKernel<T, TTile> : IGemmKernel<T> where T : unmanaged where TTile : struct, IRegisterTile<T>
{
    /// <inheritdoc/>
    public static int MR => TTile.Rows;

    /// <inheritdoc/>
    public static int NR => TTile.Columns;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile(T* a, T* b, nint kc, T* c, nint ldc, bool overwrite, int rows)
    {
        switch (rows)
        {
            case 1: Tile<Rows1>(a, b, kc, c, ldc, overwrite); break;
            case 2: Tile<Rows2>(a, b, kc, c, ldc, overwrite); break;
            case 3: Tile<Rows3>(a, b, kc, c, ldc, overwrite); break;
            case 4: Tile<Rows4>(a, b, kc, c, ldc, overwrite); break;
            case 5: Tile<Rows5>(a, b, kc, c, ldc, overwrite); break;
            case 6 when MR > 6: Tile<Rows6>(a, b, kc, c, ldc, overwrite); break;
            case 7 when MR > 7: Tile<Rows7>(a, b, kc, c, ldc, overwrite); break;
            case 8 when MR > 8: Tile<Rows8>(a, b, kc, c, ldc, overwrite); break;
            case 9 when MR > 9: Tile<Rows9>(a, b, kc, c, ldc, overwrite); break;
            case 10 when MR > 10: Tile<Rows10>(a, b, kc, c, ldc, overwrite); break;
            case 11 when MR > 11: Tile<Rows11>(a, b, kc, c, ldc, overwrite); break;
            default: Tile<AllRows>(a, b, kc, c, ldc, overwrite); break;
        }
    }

    /// <summary>The kernel for <typeparamref name="TRows"/> live rows, compiled once per count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(T* a, T* b, nint kc, T* c, nint ldc, bool overwrite) where TRows : IRowCount
    {
        var rows = Math.Min(MR, TRows.Count);
        // C is read (or written) once, at the end: start its lines on their way now, hidden behind the FMAs.
        if (Sse.IsSupported)
            for (nint r = 0; r < rows; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + NR - 1);
            }
        var tile = default(TTile);
        nint p = 0;
        // Unrolled by 4 to cut the loop overhead per FMA.
        for (; p + 4 <= kc; p += 4, a += 4 * MR, b += 4 * NR)
        {
            tile.MultiplyAdd<TRows>(a, b, 0);
            tile.MultiplyAdd<TRows>(a, b, 1);
            tile.MultiplyAdd<TRows>(a, b, 2);
            tile.MultiplyAdd<TRows>(a, b, 3);
        }
        for (; p < kc; p++, a += MR, b += NR) tile.MultiplyAdd<TRows>(a, b, 0);
        tile.AddTo<TRows>(c, ldc, overwrite);
    }
}
