using RepLearn.Functional.Keys;
using RepLearn.Functional.Objectives;
using RepLearn.Functional.Tensors;

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
        sigma > 0 && double.IsFinite(sigma) ? new(CorruptionKind.Gaussian, sigma)
        : throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"sigma must be finite and > 0, got {sigma}");

    /// <summary>Masking noise with probability p in (0, 1).</summary>
    public static Corruption Masking(double p) =>
        p > 0 && p < 1 ? new(CorruptionKind.Masking, p)
        : throw new ArgumentOutOfRangeException(nameof(p), p, $"masking probability must be in (0, 1), got {p}");

    /// <summary>x~ drawn from the corruption process with <paramref name="key"/>.</summary>
    public Tensor Apply(Tensor x, Key key) => Kind switch
    {
        CorruptionKind.Gaussian => Losses.GaussianCorruption(x, Amount, key),
        CorruptionKind.Masking => Losses.MaskingCorruption(x, Amount, key),
        _ => x,
    };
}
