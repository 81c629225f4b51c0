namespace RepLearn.Functional.Latent;

/// <summary>
/// Per-row scores for anomaly detection: a row the model explains badly scores high. Each is an n x 1 column whose
/// batch mean is the matching training objective exactly (the objectives are means of these columns), so the scores
/// are the per-row decomposition of the loss the library reports.
/// </summary>
/// <example><code>
/// double[] nelbo = RowScores.PerRow(x, evalKey, (b, k) => RowScores.VaeNegativeElbo(p, config, b, k));
/// double auc = Auroc.Compute(nelbo, isAnomaly);
/// </code></example>
public static class RowScores
{
    /// <summary>
    /// The VAE's negative ELBO of each row, -log p(x | z) + beta KL(q(z | x) || N(0, I)) with one reparameterised sample
    /// z from <paramref name="key"/> (Lecture 3): the column whose mean is <see cref="Vae.Loss"/> on the same batch and key.
    /// </summary>
    [Pure]
    public static Tensor VaeNegativeElbo(VaeParams p, VaeConfig config, Tensor x, Key key) => Vae.Terms(p, config, x, key).NegativeElbo;

    /// <summary>
    /// The VAE's reconstruction error of each row at the posterior mean, deterministic: the Bernoulli cross-entropy
    /// sum_j [x_j softplus(-l_j) + (1 - x_j) softplus(l_j)] in nats of the decoder's logits l = g(mu(x)), or for a
    /// Gaussian decoder the squared error ||x - g(mu(x))||^2.
    /// </summary>
    [Pure]
    public static Tensor VaeReconstructionError(VaeParams p, VaeConfig config, Tensor x)
    {
        var output = Vae.Decode(p, Vae.Encode(p, x).Mean);
        return config.Likelihood == Likelihood.Bernoulli ? Losses.BernoulliNll(output, x) : Losses.SquaredError(x, output);
    }

    /// <summary>
    /// An autoencoder's reconstruction error of each clean row, ||x - g(f(x))||^2 (Gaussian) or the Bernoulli cross-entropy
    /// of x under the logits g(f(x)) in nats (Lecture 2). For a plain autoencoder its mean is the training objective; a
    /// denoising autoencoder's objective corrupts the input first, this score does not.
    /// </summary>
    [Pure]
    public static Tensor AutoencoderReconstructionError(AutoencoderParams p, AutoencoderConfig config, Tensor x) =>
        Autoencoder.ReconstructionLoss(config, x, Autoencoder.Decode(p, Autoencoder.Encode(p, x)));

    /// <summary>
    /// A per-sample column evaluated in chunks of <paramref name="chunk"/> rows to bound memory, chunk c (first row s)
    /// with the key <paramref name="key"/>.FoldIn(s), flattened to one value per row: the same keys as the facade's
    /// evaluation mean, so mean(PerRow(...)) is the reported loss up to the order of the additions.
    /// </summary>
    [Pure]
    public static double[] PerRow(Tensor x, Key key, Func<Tensor, Key, Tensor> perSample, int chunk = 1000)
    {
        if (chunk < 1) throw new ArgumentOutOfRangeException(nameof(chunk), chunk, $"chunk must be >= 1, got {chunk}");
        var scores = new double[x.Rows];
        for (var start = 0; start < x.Rows; start += chunk)
        {
            var column = perSample(x.SliceRows(start, Math.Min(chunk, x.Rows - start)), key.FoldIn(start)).Detach();
            column.ToArray().CopyTo(scores.AsSpan(start));
        }
        return scores;
    }
}
