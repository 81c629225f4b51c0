using RepLearn.Functional.Tensors;

namespace RepLearn.Properties.Support;

/// <summary>
/// Fixed pseudo-random weights for probing gradients: <c>Sum(Mul(y, W))</c> turns any tensor
/// output y into a scalar whose cotangent W is neither constant nor symmetric, so a pullback
/// that transposes, mis-broadcasts or drops an element cannot pass by accident.
/// W depends only on its shape and salt (SplitMix64), never on the test's random seed.
/// </summary>
public static class Weights
{
    /// <summary>A rows x cols tensor of values in [-1, 1), fixed for a given shape and salt.</summary>
    public static Tensor For(int rows, int cols, ulong salt = 0)
    {
        var state = 0x9E3779B97F4A7C15UL * (ulong)(rows * 131 + cols + 1) + salt;
        return Tensor.Create(rows, cols, (_, _) =>
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (2.0 / (1UL << 53)) - 1.0;
        });
    }

    /// <summary>The probe <c>Sum(Mul(y, W))</c> with W fixed for y's shape, in y's dtype.</summary>
    public static Tensor Probe(Tensor y, ulong salt = 0) =>
        Functional.Autodiff.Ops.Sum(Functional.Autodiff.Ops.Mul(y, For(y.Rows, y.Cols, salt).AsType(y.DType)));
}
