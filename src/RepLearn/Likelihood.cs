namespace RepLearn;

/// <summary>The decoder's observation model.</summary>
public enum Likelihood
{
    /// <summary>Bernoulli on logits (cross-entropy); data must lie in [0, 1].</summary>
    Bernoulli,
    /// <summary>Gaussian: squared error for autoencoders; fixed unit variance for VAEs.</summary>
    Gaussian,
}

internal static class LikelihoodMapping
{
    public static Functional.Models.Likelihood ToCore(this Likelihood l) => l switch
    {
        Likelihood.Bernoulli => Functional.Models.Likelihood.Bernoulli,
        Likelihood.Gaussian => Functional.Models.Likelihood.Gaussian,
        _ => throw new ArgumentOutOfRangeException("likelihood", l, $"likelihood = {(int)l} is not a Likelihood; use Bernoulli or Gaussian"),
    };

    public static Likelihood ToFacade(this Functional.Models.Likelihood l) =>
        l == Functional.Models.Likelihood.Bernoulli ? Likelihood.Bernoulli : Likelihood.Gaussian;
}
