namespace RepLearn.Functional.Objectives;

/// <summary>The parts of a negative ELBO, each n x 1 (per sample).</summary>
/// <param name="NegativeElbo">Reconstruction + Beta * Kl.</param>
/// <param name="Reconstruction">-log p(x | z) at one reparameterised sample z.</param>
/// <param name="Kl">KL(q(z | x) || N(0, I)).</param>
public sealed record ElboTerms(Tensor NegativeElbo, Tensor Reconstruction, Tensor Kl);

public static partial class Losses
{
    /// <summary>
    /// The negative (beta-weighted) ELBO with one reparameterised sample (Lecture 3):
    /// -ELBO = E_q[-log p(x | z)] + beta KL(q(z | x) || p(z)), z = mu + sigma * eps.
    /// <paramref name="decoderNll"/> maps z to the per-sample -log p(x | z); beta = 1 is the VAE,
    /// beta &gt; 1 the beta-VAE (Higgins et al. 2017).
    /// </summary>
    public static ElboTerms NegativeElbo(Tensor mu, Tensor logVar, Func<Tensor, Tensor> decoderNll, Key key, double beta = 1.0)
    {
        Check.NonNegative(beta, nameof(beta));
        var z = Reparameterize(mu, logVar, key);
        var reconstruction = decoderNll(z);
        var kl = GaussianKl(mu, logVar);
        return new ElboTerms(Ops.Add(reconstruction, Ops.Scale(kl, beta)), reconstruction, kl);
    }
}
