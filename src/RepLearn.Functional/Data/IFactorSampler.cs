namespace RepLearn.Functional.Data;

/// <summary>
/// A dataset generated from known discrete factors of variation (disentanglement_lib's <c>GroundTruthData</c>, in
/// <c>data/ground_truth/ground_truth_data.py</c>): factor k takes the values 0 .. FactorSizes[k] - 1, factors can be
/// drawn with a key, and the observations of given factors can be rendered. The sampled disentanglement metrics
/// (<see cref="Information.BetaVaeScore"/>, <see cref="Information.FactorVaeScore"/>) hold some factors fixed and vary
/// the others through this interface. Implementations are pure: the same key gives the same factors, the same factors
/// the same observations (disentanglement_lib also passes a random state to the rendering; here it is deterministic).
/// </summary>
public interface IFactorSampler
{
    /// <summary>The name of each factor, in column order.</summary>
    IReadOnlyList<string> FactorNames { get; }

    /// <summary>The number of values of each factor, in column order (each &gt;= 1).</summary>
    IReadOnlyList<int> FactorSizes { get; }

    /// <summary>The number of factors K (the length of <see cref="FactorSizes"/>).</summary>
    int FactorCount => FactorSizes.Count;

    /// <summary>The width of one observation row (what <see cref="Observe"/> returns per factor row).</summary>
    int ObservationWidth { get; }

    /// <summary>
    /// <paramref name="count"/> rows of factor indices (count x K), drawn from the dataset's factor distribution
    /// (independent and uniform for the shapes); a pure function of the key.
    /// </summary>
    [Pure]
    int[,] SampleFactors(Key key, int count);

    /// <summary>The observations (n x <see cref="ObservationWidth"/>) of n rows of factor indices (n x K), row for row.</summary>
    /// <exception cref="ArgumentException">Not K columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index outside [0, FactorSizes[k]).</exception>
    [Pure]
    Tensor Observe(int[,] factors);
}
