namespace RepLearn.Functional.Models;

/// <summary>The decoder's observation model p(x | z) (or, for a plain autoencoder, its reconstruction loss).</summary>
public enum Likelihood
{
    /// <summary>Bernoulli on logits: -log p(x | z) = sum_j [(1 - x_j) l_j + softplus(-l_j)]; for data in [0, 1].</summary>
    Bernoulli,
    /// <summary>Gaussian with mean g(z) and fixed variance: for an autoencoder, the squared error ||x - g(z)||^2.</summary>
    Gaussian,
}
