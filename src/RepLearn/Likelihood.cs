namespace RepLearn;

/// <summary>The decoder's observation model.</summary>
public enum Likelihood
{
    /// <summary>Bernoulli on logits (cross-entropy); data must lie in [0, 1].</summary>
    Bernoulli,
    /// <summary>Gaussian: squared error for autoencoders; fixed unit variance for VAEs.</summary>
    Gaussian,
}
