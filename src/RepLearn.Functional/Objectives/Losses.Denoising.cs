namespace RepLearn.Functional.Objectives;

public static partial class Losses
{
    /// <summary>Gaussian corruption x~ = x + eps, eps ~ N(0, sigma^2 I), sigma finite and &gt; 0 (Lecture 2, denoising autoencoders).</summary>
    public static Tensor GaussianCorruption(Tensor x, double sigma, Key key)
    {
        Check.Positive(sigma, nameof(sigma));
        return Ops.Add(x, Ops.Scale(Sample.Normal(key, x.Rows, x.Cols, x.DType), sigma));
    }

    /// <summary>Masking corruption: each entry of x is set to 0 with probability p in (0, 1) (Vincent et al. 2008).</summary>
    public static Tensor MaskingCorruption(Tensor x, double p, Key key)
    {
        Check.MaskingProbability(p, nameof(p));
        return Ops.Mul(x, Sample.Bernoulli(key, x.Rows, x.Cols, 1 - p, x.DType));
    }

    /// <summary>
    /// The DAE objective per sample, ||x - g(f(x~))||^2 with x~ = corrupt(x): the reconstruction of the
    /// corrupted input is compared with the clean one.
    /// </summary>
    public static Tensor DenoisingError(Tensor x, Func<Tensor, Tensor> autoencoder, Func<Tensor, Key, Tensor> corrupt, Key key) =>
        SquaredError(x, autoencoder(corrupt(x, key)));
}
