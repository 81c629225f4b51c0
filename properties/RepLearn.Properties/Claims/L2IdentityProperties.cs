using RepLearn.Claims;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L2-identity</b> (statistical): its full-budget experiment (<see cref="L2Identity"/>: today's data, five initialisation
/// keys per n) runs once per process; each case checks its part of it.
/// </summary>
public sealed class L2IdentityProperties(ITestOutputHelper output)
{
    private static Claim Claim => L2Identity.Claim;

    [Theory]
    [InlineData(3, 21L)]
    [InlineData(5, 22L)]
    public void A_linear_autoencoder_without_a_bottleneck_learns_the_identity(int n, long seed) =>
        L1L2ClaimRuns.AssertPartHolds(Claim, m => m.Name.StartsWith($"n = d = {n} (seed {seed})", StringComparison.Ordinal),
            $"n = {n}, seed {seed}", output);

    [Fact]
    public void VerifyExperimentHolds()
    {
        var result = L1L2ClaimRuns.AssertFullHolds(Claim, output);
        Assert.Equal(10, result.Measurements.Count); // 2 data sets x 5 initialisations
    }
}
