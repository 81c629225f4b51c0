namespace RepLearn.Functional.Evaluation;

/// <summary>
/// Per-feature z-scoring fitted on training features: x' = (x - mean) / std, with a feature that is constant in
/// training (std below 1e-8, e.g. MNIST's border pixels) only centred, as scikit-learn's StandardScaler does:
/// dividing by a tiny std would turn any other value at test time into an enormous one.
/// </summary>
public sealed record Standardizer(Tensor Mean, Tensor Scale)
{
    /// <summary>Fits the mean and standard deviation of each column of <paramref name="x"/>.</summary>
    public static Standardizer Fit(Tensor x)
    {
        var mean = Ops.Mean(x, 0);
        var std = Ops.Map(Ops.Mean(Ops.Square(Ops.Sub(x, mean)), 0), v => Math.Sqrt(v) < 1e-8 ? 1.0 : 1.0 / Math.Sqrt(v));
        return new Standardizer(mean, std);
    }

    /// <summary>(x - mean) / std, column-wise.</summary>
    public Tensor Apply(Tensor x) => Ops.Mul(Ops.Sub(x, Mean), Scale);
}
