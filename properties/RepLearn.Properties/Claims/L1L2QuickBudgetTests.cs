using System.Diagnostics;
using RepLearn.Claims;
using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>Runs alone (after the parallel tests), so the timing is not shared with other tests of this process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class L1L2QuickBudgetCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Lectures 1 and 2, quick budget timing";
}

/// <summary>
/// Every claim of Lectures 1 and 2 in the quick budget (verify's default seed, in a fresh process's order, so JIT is included):
/// each holds, and together they take under 12 s of CPU time. CPU time, not wall time, is asserted: the experiments are
/// single-threaded but for short parallel loops, so CPU seconds are what they cost on an idle 2-core machine, while the wall
/// clock of a machine shared with other jobs varies threefold (measured 5 s and 16 s for the same run). Both are printed.
/// </summary>
[Collection(L1L2QuickBudgetCollection.Name)]
public sealed class L1L2QuickBudgetTests(ITestOutputHelper output)
{
    /// <summary>The quick budget of Lectures 1 and 2's 11 claims (of the minute all 23 may take on 2 cores).</summary>
    public const double BudgetSeconds = 12;

    [Fact]
    public void Every_lecture_1_and_2_claim_holds_in_the_quick_budget_within_12_seconds()
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var verdicts = Verification.Run([.. Lecture1.Claims, .. Lecture2.Claims], seed: 1, Budget.Quick, MnistPaths.Available ? MnistPaths.Folder : null);
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        foreach (var v in verdicts)
            output.WriteLine($"{v.Claim.Id,-30} {(v.Holds ? "holds" : "FAILS")} {v.Seconds,6:F2} s{(v.Error is null ? "" : $"  {v.Error}")}{(v.Result is { Holds: false } r ? $"  {r.Failures}" : "")}");
        output.WriteLine($"total {wall:F2} s wall, {cpu:F2} s CPU (budget {BudgetSeconds} s)");
        Assert.Equal(11, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Holds, $"{v.Claim.Id}: {v.Error ?? v.Result?.Failures}"));
        Assert.True(cpu < BudgetSeconds, $"the quick budget of Lectures 1 and 2 took {cpu:F2} s of CPU ({wall:F2} s wall), over {BudgetSeconds} s");
    }
}
