using System.Diagnostics;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>Runs alone (after the parallel tests), so that the process's CPU time measures only its own work.</summary>
[CollectionDefinition("L34 quick budget", DisableParallelization = true)]
public sealed class L34QuickBudgetCollection;

/// <summary>The quick budget of Lectures 3 and 4: every claim holds, and all of them together stay within their 20 s share of verify --quick.</summary>
[Collection("L34 quick budget")]
public sealed class L34QuickBudgetTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryLecture3And4ClaimHoldsAtTheQuickBudgetWithin20Seconds()
    {
        var claims = Lecture3.Claims.Concat(Lecture4.Claims).ToList();
        Assert.Equal(12, claims.Count);
        var process = Process.GetCurrentProcess();
        var (wall, cpu0) = (Stopwatch.StartNew(), process.TotalProcessorTime);
        var failures = new List<string>();
        foreach (var claim in claims)
        {
            var (clock, c0) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
            var result = claim.Run(new ClaimContext(ClaimAssert.KeyFor(claim), Budget.Quick, MnistPaths.Available ? MnistPaths.Folder : null));
            output.WriteLine($"{claim.Id}: {clock.Elapsed.TotalSeconds:F2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - c0).TotalSeconds:F2} s CPU, holds {result.Holds}");
            if (!result.Holds) failures.Add($"{claim.Id}: {result.Failures}");
        }
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        output.WriteLine($"total: {wall.Elapsed.TotalSeconds:F2} s wall, {cpu:F2} s CPU");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // CPU time, not wall time: the machine is shared, and CPU time is what the budget costs on 2 idle cores
        // (wall time there is at most this, as the experiments never wait).
        Assert.True(cpu < 20, $"the quick budget of Lectures 3 and 4 took {cpu:F1} s of CPU (wall {wall.Elapsed.TotalSeconds:F1} s), over its 20 s share");
    }
}
