namespace RepLearn.Functional.Tensors;

// Conversion between dtypes: float64 -> float32 rounds to nearest (ties to even), float32 -> float64 is exact.
public sealed partial class Tensor
{
    /// <summary>
    /// The values in <paramref name="dtype"/>: this tensor itself when it already has that dtype, else a copy
    /// (rounded to nearest for float32, exact for float64). Differentiable: the pullback converts the cotangent back
    /// (PyTorch's <c>x.to(dtype)</c>).
    /// </summary>
    [Pure]
    public Tensor AsType(DType dtype) => Ops.AsType(this, dtype);

    /// <summary>The values in <paramref name="dtype"/> as a constant (no tape node), this tensor when it already is one.</summary>
    internal Tensor AsConstant(DType dtype) => DType == dtype ? this
        : dtype == DType.Float32 ? Wrap(Rows, Cols, Narrow(Buffer)) : Wrap(Rows, Cols, Widen(BufferOf<float>()));

    /// <summary>Each value rounded to the nearest float.</summary>
    internal static float[] Narrow(ReadOnlySpan<double> values)
    {
        var buffer = GC.AllocateUninitializedArray<float>(values.Length);
        for (var i = 0; i < buffer.Length; i++) buffer[i] = (float)values[i];
        return buffer;
    }

    /// <summary>Each value widened to double, exactly.</summary>
    internal static double[] Widen(ReadOnlySpan<float> values)
    {
        var buffer = GC.AllocateUninitializedArray<double>(values.Length);
        for (var i = 0; i < buffer.Length; i++) buffer[i] = values[i];
        return buffer;
    }
}
