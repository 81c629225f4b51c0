using System.Collections.Concurrent;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// The full-budget run of a statistical claim of Lectures 3 and 4, computed once per test process and shared by the
/// tests that check its parts (so a heavy experiment runs once, however many tests look at it).
/// </summary>
internal static class L34ClaimRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<ClaimResult>> Full = new(StringComparer.Ordinal);

    /// <summary>The claim's experiment at <see cref="Budget.Full"/> with verify's default key (seed 1) and the MNIST folder when present.</summary>
    public static ClaimResult FullRun(Claim claim) => Full.GetOrAdd(claim.Id, _ => new Lazy<ClaimResult>(() =>
        claim.Run(new ClaimContext(ClaimAssert.KeyFor(claim), Budget.Full, MnistPaths.Available ? MnistPaths.Folder : null)))).Value;

    /// <summary>Asserts that the measurements of the full run selected by <paramref name="prefix"/> exist and hold, writing them to the output.</summary>
    public static void PartHolds(Claim claim, string prefix, ITestOutputHelper output)
    {
        var result = FullRun(claim);
        var part = result.Measurements.Where(m => m.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var m in part) output.WriteLine($"{claim.Id} {m.Name} = {Format.Number(m.Value)} (expected {m.Expected}){(m.Holds ? "" : "  FAILS")}");
        Assert.NotEmpty(part);
        var failures = part.Where(m => !m.Holds).Select(m => $"{m.Name} = {Format.Number(m.Value)}, expected {m.Expected}").ToList();
        Assert.True(failures.Count == 0, $"{claim.Id}: {string.Join("; ", failures)}");
    }

    /// <summary>Asserts that the whole full run holds, writing every measurement and the note to the output.</summary>
    public static ClaimResult Holds(Claim claim, ITestOutputHelper output)
    {
        var result = FullRun(claim);
        foreach (var m in result.Measurements) output.WriteLine($"{claim.Id} {m.Name} = {Format.Number(m.Value)} (expected {m.Expected}){(m.Holds ? "" : "  FAILS")}");
        if (result.Note is not null) output.WriteLine($"{claim.Id} note: {result.Note}");
        Assert.True(result.Holds, $"{claim.Id}: {result.Failures}");
        return result;
    }
}
