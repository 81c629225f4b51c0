using Core = RepLearn.Functional.Models.Vae;

namespace RepLearn;

public sealed partial class Vae
{
    /// <summary>
    /// <paramref name="count"/> new samples: codes z ~ N(0, I) from <paramref name="seed"/> (the same seed gives the same codes,
    /// whatever the model), decoded to the decoder's means (Bernoulli: pixel probabilities).
    /// </summary>
    /// <example><code>double[][] images = vae.Sample(16, seed: 1);</code></example>
    public double[][] Sample(int count, long seed)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be >= 1, got {count}");
        return DecodeCodes(Prior.Sample(Key.FromSeed(seed), count, LatentDim));
    }

    /// <summary>
    /// The decoded path between two inputs: their posterior means a and b, <paramref name="steps"/> codes from a to b (both ends
    /// included), decoded. Linear: (1 - t) a + t b; spherical: slerp, which keeps codes at the norm typical of N(0, I) samples
    /// instead of cutting through the low-density centre (White 2016).
    /// </summary>
    public double[][] Interpolate(double[] a, double[] b, int steps, bool spherical = false)
    {
        var (za, zb) = (EncodeRow(a, nameof(a)), EncodeRow(b, nameof(b)));
        return DecodeCodes(spherical ? Interpolation.Spherical(za, zb, steps) : Interpolation.Linear(za, zb, steps));
    }

    /// <summary>
    /// A latent traversal: the posterior mean of <paramref name="x"/> with dimension <paramref name="dim"/> set to each of
    /// <paramref name="values"/> (say -3..3, the prior's range), decoded; one row per value.
    /// </summary>
    public double[][] Traverse(double[] x, int dim, double[] values)
    {
        Check.NotNull(values, nameof(values));
        return DecodeCodes(Traversal.Sweep(EncodeRow(x, nameof(x)), dim, values));
    }

    /// <summary>
    /// Per-row scores for anomaly detection: the negative ELBO (mean equal to <see cref="NegativeElbo"/> on the same rows) and
    /// the reconstruction error at the posterior mean.
    /// </summary>
    public SampleScores Scores(double[][] x)
    {
        var rows = engine.Rows(x, nameof(x));
        var p = engine.Parameters;
        return new SampleScores(
            RowScores.PerRow(rows, engine.EvalKey, (b, _) => RowScores.VaeReconstructionError(p, Config, b)),
            RowScores.PerRow(rows, engine.EvalKey, (b, key) => RowScores.VaeNegativeElbo(p, Config, b, key)));
    }

    private double[] EncodeRow(double[] x, string name)
    {
        Check.NotNull(x, name);
        return Core.Encode(engine.Parameters, engine.Rows([x], name)).Mean.ToArray();
    }

    private double[][] DecodeCodes(Tensor z) => Chunked.MapRows(engine.InDType(z), b =>
    {
        var output = Core.Decode(engine.Parameters, b);
        return Config.Likelihood == Functional.Models.Likelihood.Bernoulli ? Ops.Sigmoid(output) : output;
    });
}
