namespace RepLearn.Functional.Models;

/// <summary>How a denoising autoencoder corrupts its input.</summary>
public enum CorruptionKind
{
    /// <summary>No corruption: a plain autoencoder.</summary>
    None,
    /// <summary>x~ = x + N(0, sigma^2 I).</summary>
    Gaussian,
    /// <summary>Each entry zeroed with probability p.</summary>
    Masking,
}

/// <summary>A corruption process and its strength (sigma for Gaussian noise, p for masking).</summary>
public sealed record Corruption(CorruptionKind Kind, double Amount)
{
    /// <summary>No corruption.</summary>
    public static readonly Corruption None = new(CorruptionKind.None, 0);

    /// <summary>Gaussian noise of standard deviation sigma &gt; 0.</summary>
    public static Corruption Gaussian(double sigma) =>
        new(CorruptionKind.Gaussian, Check.Positive(sigma, nameof(sigma)));

    /// <summary>Masking noise with probability p in (0, 1).</summary>
    public static Corruption Masking(double p) =>
        new(CorruptionKind.Masking, Check.MaskingProbability(p, nameof(p)));

    /// <summary>x~ drawn from the corruption process with <paramref name="key"/>.</summary>
    public Tensor Apply(Tensor x, Key key) => Kind switch
    {
        CorruptionKind.Gaussian => Losses.GaussianCorruption(x, Amount, key),
        CorruptionKind.Masking => Losses.MaskingCorruption(x, Amount, key),
        _ => x,
    };
}
