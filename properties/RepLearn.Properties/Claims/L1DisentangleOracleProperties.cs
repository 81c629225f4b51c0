using RepLearn.Claims;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L1-disentangle-oracle</b> (statistical): its full-budget experiment (<see cref="L1DisentangleOracle"/>, today's fixed
/// seeds) runs once per process; each fact checks its part of it.
/// </summary>
public sealed class L1DisentangleOracleProperties(ITestOutputHelper output)
{
    private static Claim Claim => L1DisentangleOracle.Claim;

    [Fact]
    public void The_true_factors_are_disentangled() =>
        L1L2ClaimRuns.AssertPartHolds(Claim, m => m.Name.StartsWith("true factors", StringComparison.Ordinal), "the true factors", output);

    [Fact]
    public void Random_and_constant_codes_are_not() =>
        L1L2ClaimRuns.AssertPartHolds(Claim, m => m.Name.StartsWith("random codes", StringComparison.Ordinal) || m.Name.StartsWith("constant code", StringComparison.Ordinal),
            "the random and constant codes", output);

    /// <summary>The control: all the information, mixed 45 degrees across pairs of axes, scores MIG &lt;= 0.05.</summary>
    [Fact]
    public void Factors_mixed_across_axes_are_not() =>
        L1L2ClaimRuns.AssertPartHolds(Claim, m => m.Name.StartsWith("factors mixed", StringComparison.Ordinal), "the mixed factors", output);

    [Fact]
    public void VerifyExperimentHolds() => L1L2ClaimRuns.AssertFullHolds(Claim, output);
}
