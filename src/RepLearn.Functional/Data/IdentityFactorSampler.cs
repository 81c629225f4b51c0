namespace RepLearn.Functional.Data;

/// <summary>
/// A factor sampler whose observations are the factor indices themselves (as doubles): disentanglement_lib's
/// <c>IdentityObservationsData</c> (<c>data/ground_truth/dummy_data.py</c>), for testing the sampled metrics with encoders
/// that see the factors directly. Factors are independent and uniform; factor k of a draw comes from key.Split(K)[k].
/// </summary>
public sealed class IdentityFactorSampler : IFactorSampler
{
    private readonly ImmutableArray<int> sizes;

    /// <summary>A sampler of factors with the given numbers of values (each &gt;= 1), named f0, f1, ...</summary>
    public IdentityFactorSampler(IReadOnlyList<int> factorSizes)
    {
        ArgumentNullException.ThrowIfNull(factorSizes);
        if (factorSizes.Count < 1) throw new ArgumentException("there must be at least one factor", nameof(factorSizes));
        for (var k = 0; k < factorSizes.Count; k++)
            if (factorSizes[k] < 1) throw new ArgumentOutOfRangeException(nameof(factorSizes), factorSizes[k], $"factorSizes[{k}] must be >= 1");
        sizes = [.. factorSizes];
        FactorNames = [.. Enumerable.Range(0, sizes.Length).Select(k => $"f{k}")];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> FactorNames { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> FactorSizes => sizes;

    /// <inheritdoc />
    public int ObservationWidth => sizes.Length;

    /// <inheritdoc />
    [Pure]
    public int[,] SampleFactors(Key key, int count) => Uniform(key, count, sizes);

    /// <summary>count x K independent uniform factor indices, factor k drawn from key.Split(K)[k] (shared with <see cref="ShapesSampler"/>).</summary>
    internal static int[,] Uniform(Key key, int count, IReadOnlyList<int> sizes)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 0");
        var keys = key.Split(sizes.Count);
        var factors = new int[count, sizes.Count];
        for (var k = 0; k < sizes.Count; k++)
        {
            var column = Sample.Integers(keys[k], count, sizes[k]);
            for (var i = 0; i < count; i++) factors[i, k] = column[i];
        }
        return factors;
    }

    /// <inheritdoc />
    [Pure]
    public Tensor Observe(int[,] factors)
    {
        if (factors.GetLength(1) != sizes.Length)
            throw new ArgumentException($"factors must have {sizes.Length} columns, got {factors.GetLength(1)}", nameof(factors));
        for (var i = 0; i < factors.GetLength(0); i++)
            for (var k = 0; k < sizes.Length; k++)
                if ((uint)factors[i, k] >= (uint)sizes[k])
                    throw new ArgumentOutOfRangeException(nameof(factors), factors[i, k], $"factors[{i}, {k}] must be in [0, {sizes[k]})");
        return Tensor.Create(factors.GetLength(0), sizes.Length, (i, k) => factors[i, k]);
    }
}
