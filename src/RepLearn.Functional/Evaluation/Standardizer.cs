using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;

namespace RepLearn.Functional.Evaluation;

/// <summary>Per-feature z-scoring fitted on training features: x' = (x - mean) / max(std, 1e-8).</summary>
public sealed record Standardizer(Tensor Mean, Tensor Scale)
{
    /// <summary>Fits the mean and standard deviation of each column of <paramref name="x"/>.</summary>
    public static Standardizer Fit(Tensor x)
    {
        var mean = Ops.Mean(x, 0);
        var std = Ops.Map(Ops.Mean(Ops.Square(Ops.Sub(x, mean)), 0), v => 1.0 / Math.Max(Math.Sqrt(v), 1e-8));
        return new Standardizer(mean, std);
    }

    /// <summary>(x - mean) / std, column-wise.</summary>
    public Tensor Apply(Tensor x) => Ops.Mul(Ops.Sub(x, Mean), Scale);
}
