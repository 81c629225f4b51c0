using System.Runtime.Intrinsics.X86;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// The vector micro-kernels: a register tile (<typeparamref name="TTile"/>) zeroed, fed the packed A and B slivers
/// one k step at a time, then added into C. Compiled per tile, so MR, NR and every tile call are constants and inlined.
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(T* a, T* b, nint kc, T* c, nint ldc, bool overwrite)
    {
        // C is read (or written) once, at the end: start its lines on their way now, hidden behind the FMAs.
        if (Sse.IsSupported)
            for (nint r = 0; r < MR; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + NR - 1);
            }
        var tile = default(TTile);
        nint p = 0;
        // Unrolled by 4 to cut the loop overhead per FMA.
        for (; p + 4 <= kc; p += 4, a += 4 * MR, b += 4 * NR)
        {
            tile.MultiplyAdd(a, b, 0);
            tile.MultiplyAdd(a, b, 1);
            tile.MultiplyAdd(a, b, 2);
            tile.MultiplyAdd(a, b, 3);
        }
        for (; p < kc; p++, a += MR, b += NR) tile.MultiplyAdd(a, b, 0);
        tile.AddTo(c, ldc, overwrite);
    }
}
