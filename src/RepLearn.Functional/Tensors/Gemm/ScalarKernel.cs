namespace RepLearn.Functional.Tensors;

/// <summary>
/// The scalar micro-kernel: a 4 x 4 tile of fused multiply-adds, for CPUs without accelerated vectors and
/// as the reference the vector kernels match bit for bit (same chains, same order).
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
internal readonly unsafe struct ScalarKernel<T> : IGemmKernel<T> where T : unmanaged
{
    /// <inheritdoc/>
    public static int MR => 4;

    /// <inheritdoc/>
    public static int NR => 4;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(T* a, T* b, nint kc, T* c, nint ldc, bool overwrite, int rows)
    {
        var acc = stackalloc T[16];
        new Span<T>(acc, 16).Clear();
        for (nint p = 0; p < kc; p++, a += 4, b += 4)
            for (var r = 0; r < 4; r++)
                for (var j = 0; j < 4; j++)
                    acc[r * 4 + j] = GemmFma.Scalar(a[r], b[j], acc[r * 4 + j]);
        for (var r = 0; r < Math.Min(rows, 4); r++)
            for (var j = 0; j < 4; j++)
                c[r * ldc + j] = overwrite ? acc[r * 4 + j] : GemmFma.Add(c[r * ldc + j], acc[r * 4 + j]);
    }
}
