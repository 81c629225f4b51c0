namespace RepLearn.Claims;

/// <summary>How much work an experiment may do.</summary>
public enum Budget
{
    /// <summary>Fewer cases, samples and epochs: every claim together in under a minute on 2 cores (<c>replearn verify --quick</c>).</summary>
    Quick,
    /// <summary>The full experiment the property tests and the report's figures use (every claim together in under 10 minutes).</summary>
    Full,
}

/// <summary>What an experiment receives: its random key, its budget, and where real data may be found.</summary>
/// <param name="Key">The only source of randomness; the same key gives the same result.</param>
/// <param name="Budget">Quick or full.</param>
/// <param name="MnistFolder">A folder of MNIST IDX files, or null: claims that use MNIST then run on generated data and say so in their note.</param>
public sealed record ClaimContext(Key Key, Budget Budget, string? MnistFolder = null)
{
    /// <summary>The budget's choice between a quick and a full value.</summary>
    public T Pick<T>(T quick, T full) => Budget == Budget.Quick ? quick : full;
}
