using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L4-infonce-bound</b> (statistical): the exact score-matrix property of <see cref="L4InfoNceBound"/> under FsCheck's
/// runner, and its experiment at the full budget (the original fixed seeds), run once and checked part by part.
/// </summary>
public class L4InfoNceBoundProperties(ITestOutputHelper output)
{
    [Property(Replay = "(1123581321,3455891445)", MaxTest = 300)]
    public Property ScoreMatrixFormEqualsLibraryInfoNce() => L4InfoNceBound.ScoreMatrixFormEqualsLibraryInfoNce();

    /// <summary>The optimal critic's estimate never exceeds log(K+1) nor (on average) the true MI, and saturates at log(K+1).</summary>
    [Theory]
    [InlineData(16, 501L)]
    [InlineData(64, 502L)]
    public void OptimalCriticEstimateIsALowerBoundThatSaturatesAtLogKPlusOne(int batchSize, long seed)
    {
        output.WriteLine($"optimal critic, seed {seed}");
        L34ClaimRuns.PartHolds(L4InfoNceBound.Claim, $"optimal critic, K+1 = {batchSize},", output);
    }

    /// <summary>The original trained-critic experiment: a bilinear critic (d = 4) stays below the true MI.</summary>
    [Theory]
    [InlineData(0.5, 51L)]
    [InlineData(1.5, 52L)]
    [InlineData(8.0, 53L)]
    public void A_trained_critic_stays_below_the_true_mutual_information(double mi, long seed)
    {
        output.WriteLine($"bilinear critic, seed {seed}");
        L34ClaimRuns.PartHolds(L4InfoNceBound.Claim, $"trained bilinear critic, d = 4, K+1 = 64, MI {Format.Number(mi)}:", output);
    }

    /// <summary>A critic family containing the optimal critic trains to within 0.1 nats of it, below the true MI, saturating at log(K+1).</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.5)]
    [InlineData(4.0)]
    [InlineData(8.0)]
    [InlineData(16.0)]
    [InlineData(32.0)]
    public void A_critic_family_containing_the_optimal_critic_trains_to_near_its_estimate(double mi) =>
        L34ClaimRuns.PartHolds(L4InfoNceBound.Claim, $"trained x^T W y - y^T A y critic, d = 20, K+1 = 64, MI {Format.Number(mi)}:", output);

    [Fact]
    public void VerifyExperimentHolds() => L34ClaimRuns.Holds(L4InfoNceBound.Claim, output);
}
