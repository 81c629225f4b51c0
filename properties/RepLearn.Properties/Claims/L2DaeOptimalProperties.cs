using RepLearn.Claims;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L2-dae-optimal</b> (statistical): its full-budget experiment (<see cref="L2DaeOptimal"/>, today's three settings and
/// seeds) runs once per process; each case checks its part of it.
/// </summary>
public sealed class L2DaeOptimalProperties(ITestOutputHelper output)
{
    private static Claim Claim => L2DaeOptimal.Claim;

    [Theory]
    [InlineData(2.0, 1.5, 1.0, 11L)]
    [InlineData(-1.0, 0.5, 0.8, 12L)]
    [InlineData(0.5, 2.0, 0.5, 13L)]
    public void A_trained_linear_dae_learns_the_posterior_mean(double mu, double s, double sigma, long seed)
    {
        Assert.Contains(L2DaeOptimal.Settings, x => x == new L2DaeOptimal.Setting(mu, s, sigma, seed));
        L1L2ClaimRuns.AssertPartHolds(Claim, m => m.Name.StartsWith($"mu {mu}, s {s}, sigma {sigma}:", StringComparison.Ordinal),
            $"mu {mu}, s {s}, sigma {sigma}", output);
    }

    [Fact]
    public void VerifyExperimentHolds() => L1L2ClaimRuns.AssertFullHolds(Claim, output);
}
