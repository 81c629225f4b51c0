namespace RepLearn;

public abstract partial class AutoencoderBase
{
    /// <summary>
    /// The decoded path between two inputs: their codes a = f(x_a) and b = f(x_b), <paramref name="steps"/> codes from a to b
    /// (both ends included), decoded. Linear: (1 - t) a + t b; spherical (slerp) is meant for Gaussian codes (a VAE's).
    /// </summary>
    public double[][] Interpolate(double[] a, double[] b, int steps, bool spherical = false)
    {
        var (za, zb) = (AutoencoderModel.EncodeRow(Model, a, nameof(a)), AutoencoderModel.EncodeRow(Model, b, nameof(b)));
        return AutoencoderModel.DecodeCodes(Model, spherical ? Interpolation.Spherical(za, zb, steps) : Interpolation.Linear(za, zb, steps));
    }

    /// <summary>The code of <paramref name="x"/> with dimension <paramref name="dim"/> set to each of <paramref name="values"/>, decoded; one row per value.</summary>
    public double[][] Traverse(double[] x, int dim, double[] values)
    {
        Check.NotNull(values, nameof(values));
        return AutoencoderModel.DecodeCodes(Model, Traversal.Sweep(AutoencoderModel.EncodeRow(Model, x, nameof(x)), dim, values));
    }

    /// <summary>
    /// Per-row reconstruction error of the clean rows (squared error, or Bernoulli cross-entropy in nats), the anomaly score of
    /// an autoencoder; for a plain autoencoder its mean is <see cref="Loss"/> on the same rows (a DAE's Loss corrupts the input first).
    /// </summary>
    public SampleScores Scores(double[][] x) => new(AutoencoderModel.ReconstructionErrors(Model, x), null);
}
