using RepLearn.Functional.Latent;

namespace RepLearn;

public abstract partial class AutoencoderBase
{
    /// <summary>
    /// The decoded path between two inputs: their codes a = f(x_a) and b = f(x_b), <paramref name="steps"/> codes from a to b
    /// (both ends included), decoded. Linear: (1 - t) a + t b; spherical (slerp) is meant for Gaussian codes (a VAE's).
    /// </summary>
    public double[][] Interpolate(double[] a, double[] b, int steps, bool spherical = false)
    {
        var (za, zb) = (Model.EncodeRow(a, nameof(a)), Model.EncodeRow(b, nameof(b)));
        return Model.DecodeCodes(spherical ? Interpolation.Spherical(za, zb, steps) : Interpolation.Linear(za, zb, steps));
    }

    /// <summary>The code of <paramref name="x"/> with dimension <paramref name="dim"/> set to each of <paramref name="values"/>, decoded; one row per value.</summary>
    public double[][] Traverse(double[] x, int dim, double[] values)
    {
        Validate.NotNull(values, nameof(values));
        return Model.DecodeCodes(Traversal.Sweep(Model.EncodeRow(x, nameof(x)), dim, values));
    }

    /// <summary>
    /// Per-row reconstruction error of the clean rows (squared error, or Bernoulli cross-entropy in nats), the anomaly score of
    /// an autoencoder; for a plain autoencoder its mean is <see cref="Loss"/> on the same rows (a DAE's Loss corrupts the input first).
    /// </summary>
    public SampleScores Scores(double[][] x) => new(Model.ReconstructionErrors(x), null);
}
