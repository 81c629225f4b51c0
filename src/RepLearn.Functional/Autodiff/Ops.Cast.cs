namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// x in <paramref name="dtype"/> (PyTorch's <c>x.to(dtype)</c>): x itself when it has that dtype already, else a
    /// copy rounded to nearest (float64 to float32) or widened exactly (float32 to float64).
    /// Pullback: ct converted back to x's dtype.
    /// </summary>
    public static Tensor AsType(Tensor x, DType dtype)
    {
        if (x.DType == dtype) return x;
        var from = x.DType;
        return Record(x.Detach().AsConstant(dtype), [x], ct => [AsType(ct, from)]);
    }
}
