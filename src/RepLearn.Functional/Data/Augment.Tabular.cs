namespace RepLearn.Functional.Data;

public static partial class Augment
{
    /// <summary>
    /// Feature noise for tabular rows: x + scale sd_j eps, eps ~ N(0, I), with sd_j the standard deviation of column j
    /// in the batch, so every feature is perturbed on its own scale; unclipped.
    /// </summary>
    [Pure]
    public static Tensor FeatureNoise(Key key, Tensor x, double scale = 0.1)
    {
        var sd = Ops.Sqrt(Ops.Mean(Ops.Square(Ops.Sub(x, Ops.Mean(x, 0))), 0));
        return Ops.Add(x, Ops.Mul(Sample.Normal(key, x.Rows, x.Cols), Ops.Scale(sd, scale)));
    }

    /// <summary>
    /// The default augmentation for rows that are not images: <see cref="FeatureNoise"/> of 0.1 standard deviations,
    /// then masking of 10% of the entries (<see cref="Losses.MaskingCorruption"/>).
    /// </summary>
    public static Func<Key, Tensor, Tensor> Tabular() =>
        Compose((k, x) => FeatureNoise(k, x), (k, x) => Losses.MaskingCorruption(x, 0.1, k));
}
