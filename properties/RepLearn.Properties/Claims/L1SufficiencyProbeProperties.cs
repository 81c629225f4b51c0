using RepLearn.Claims;
using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L1-sufficiency-probe</b> (statistical): its full-budget experiment (<see cref="L1SufficiencyProbe"/>; with MNIST-10k when
/// present) runs once per process; each fact checks its part of it.
/// </summary>
public sealed class L1SufficiencyProbeProperties(ITestOutputHelper output)
{
    private static Claim Claim => L1SufficiencyProbe.Claim;

    [MnistFact]
    public void The_probe_bound_is_reported_beside_the_label_entropy() =>
        L1L2ClaimRuns.AssertPartHolds(Claim, m => m.Name.StartsWith("MNIST-10k", StringComparison.Ordinal), "the MNIST-10k figures", output);

    /// <summary>On Gaussian classes with a shared covariance, I - 0.05 &lt;= H(y) - CE &lt;= I + 4 SE for the exact I(y; z).</summary>
    [Fact]
    public void The_probe_bound_lies_just_below_the_exact_information() =>
        L1L2ClaimRuns.AssertPartHolds(Claim, m => m.Name.StartsWith("Gaussian classes", StringComparison.Ordinal), "the Gaussian classes", output);

    [Fact]
    public void VerifyExperimentHolds()
    {
        var result = L1L2ClaimRuns.AssertFullHolds(Claim, output);
        Assert.Contains(result.Figures, f => f.FileName == "l1-probe-bound-vs-mi");
        Assert.Equal(MnistPaths.Available, result.Note is null);
    }
}
