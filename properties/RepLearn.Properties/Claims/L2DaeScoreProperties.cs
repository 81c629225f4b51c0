using RepLearn.Claims;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L2-dae-score</b> (statistical): its full-budget experiment (<see cref="L2DaeScore"/>, today's two settings and seeds)
/// runs once per process; each case checks its part of it, and the figure of both score fields is checked for shape.
/// </summary>
public sealed class L2DaeScoreProperties(ITestOutputHelper output)
{
    private static Claim Claim => L2DaeScore.Claim;

    [Theory]
    [InlineData(0.3, 31L)]
    [InlineData(0.5, 32L)]
    public void A_trained_dae_points_along_the_score_of_the_noised_density(double sigma, long seed)
    {
        _ = seed; // the seeds are fixed in the claim's full budget (31 for sigma 0.3, 32 for 0.5)
        L1L2ClaimRuns.AssertPartHolds(Claim, m => m.Name.StartsWith($"sigma {sigma}:", StringComparison.Ordinal), $"sigma {sigma}", output);
    }

    [Fact]
    public void VerifyExperimentHolds()
    {
        var result = L1L2ClaimRuns.AssertFullHolds(Claim, output);
        var figure = Assert.Single(result.Figures);
        Assert.Equal("l2-dae-score-field", figure.FileName);
        var arrows = figure.Series.Where(s => s.Kind == SeriesKind.Arrows).ToList();
        Assert.Equal(2, arrows.Count);
        Assert.All(arrows, s => Assert.True(s.U!.Length == s.X.Length && s.V!.Length == s.X.Length && s.X.Length == 225));
    }
}
