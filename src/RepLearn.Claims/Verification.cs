namespace RepLearn.Claims;

/// <summary>One claim's outcome in a verification run.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Result">What its experiment found (null when it threw).</param>
/// <param name="Error">The exception's message when the experiment threw (a failure too).</param>
/// <param name="Seconds">Wall time of the experiment.</param>
public sealed record Verdict(Claim Claim, ClaimResult? Result, string? Error, double Seconds)
{
    /// <summary>True when the experiment ran and every measurement holds.</summary>
    public bool Holds => Error is null && Result is { Holds: true };
}

/// <summary>Runs claims' experiments: each gets the run's seed folded with its id, so selecting claims never changes another's numbers.</summary>
public static class Verification
{
    /// <summary>Key.FromSeed(seed) folded with a stable hash of the claim id (FNV-1a, so it does not vary between processes).</summary>
    public static Key KeyFor(Claim claim, long seed)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in claim.Id) hash = (hash ^ ch) * 1099511628211UL;
        return Key.FromSeed(seed).FoldIn((long)(hash & long.MaxValue));
    }

    /// <summary>Runs each claim in order, reporting each verdict as it is reached; an experiment that throws is a failed verdict, not an abort.</summary>
    public static IReadOnlyList<Verdict> Run(IEnumerable<Claim> claims, long seed, Budget budget, string? mnistFolder, IProgress<Verdict>? progress = null)
    {
        var verdicts = new List<Verdict>();
        foreach (var claim in claims)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Verdict verdict;
            try
            {
                verdict = new Verdict(claim, claim.Run(new ClaimContext(KeyFor(claim, seed), budget, mnistFolder)), null, clock.Elapsed.TotalSeconds);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                verdict = new Verdict(claim, null, $"{e.GetType().Name}: {e.Message}", clock.Elapsed.TotalSeconds);
            }
            verdicts.Add(verdict);
            progress?.Report(verdict);
        }
        return verdicts;
    }
}
