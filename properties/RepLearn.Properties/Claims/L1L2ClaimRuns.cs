using System.Collections.Concurrent;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// The full-budget run of a statistical Lecture 1 or 2 claim, computed once per test process (verify's default key, MNIST when
/// present) and shared by the facts that check parts of it, so a heavy experiment never runs twice.
/// </summary>
internal static class L1L2ClaimRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<ClaimResult>> FullRuns = new(StringComparer.Ordinal);

    /// <summary>The claim's full-budget result (run on first use; an experiment that throws throws again for every caller).</summary>
    public static ClaimResult Full(Claim claim) =>
        FullRuns.GetOrAdd(claim.Id, _ => new Lazy<ClaimResult>(() =>
            claim.Run(new ClaimContext(ClaimAssert.KeyFor(claim), Budget.Full, MnistPaths.Available ? MnistPaths.Folder : null)))).Value;

    /// <summary>Asserts that the full run holds as a whole, writing every measurement to the test output.</summary>
    public static ClaimResult AssertFullHolds(Claim claim, ITestOutputHelper output)
    {
        var result = Full(claim);
        Write(result, output);
        Assert.True(result.Holds, $"{claim.Id}: {result.Failures}");
        return result;
    }

    /// <summary>Asserts that the full run's measurements selected by <paramref name="part"/> exist and hold, writing them to the output.</summary>
    public static void AssertPartHolds(Claim claim, Func<Measurement, bool> part, string what, ITestOutputHelper output)
    {
        var selected = Full(claim).Measurements.Where(part).ToList();
        foreach (var m in selected) output.WriteLine($"{(m.Holds ? "holds" : "FAILS")}: {m.Name} = {Format.Number(m.Value)} (expected {m.Expected})");
        Assert.True(selected.Count > 0, $"{claim.Id}: no measurement of {what}");
        var failed = selected.Where(m => !m.Holds).ToList();
        Assert.True(failed.Count == 0, $"{claim.Id}, {what}: " + string.Join("; ", failed.Select(m => $"{m.Name} = {Format.Number(m.Value)}, expected {m.Expected}")));
    }

    /// <summary>Every measurement, the figures and the note, to the test output.</summary>
    public static void Write(ClaimResult result, ITestOutputHelper output)
    {
        foreach (var m in result.Measurements) output.WriteLine($"{(m.Holds ? "holds" : "FAILS")}: {m.Name} = {Format.Number(m.Value)} (expected {m.Expected})");
        foreach (var f in result.Figures) output.WriteLine($"figure {f.FileName}: {string.Join(", ", f.Series.Select(s => $"{s.Label} ({s.X.Length} points)"))}");
        if (result.Note is not null) output.WriteLine($"note: {result.Note}");
    }
}
