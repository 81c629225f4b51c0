namespace RepLearn.Functional.Latent;

/// <summary>The VAE's prior p(z) = N(0, I) (Kingma and Welling 2014; Lecture 3).</summary>
/// <example><code>
/// Tensor z = Prior.Sample(Key.FromSeed(1), count: 16, latentDim: 20); // 16 x 20 codes; decode them for new samples
/// </code></example>
public static class Prior
{
    /// <summary>
    /// <paramref name="count"/> codes z ~ N(0, I_d), one per row, drawn from <paramref name="key"/> alone
    /// (same key, same codes; element i uses the key's counter block i / 2, see <see cref="Keys.Sample.Normal"/>).
    /// </summary>
    [Pure]
    public static Tensor Sample(Key key, int count, int latentDim)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be >= 1, got {count}");
        if (latentDim < 1) throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, $"latentDim must be >= 1, got {latentDim}");
        return Keys.Sample.Normal(key, count, latentDim);
    }
}
