using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L2-bottleneck-bound</b>: the library's properties (<see cref="L2BottleneckBound"/>) under FsCheck's runner, the trained autoencoder, and its verify experiment.</summary>
public class L2BottleneckBoundProperties(ITestOutputHelper output)
{
    [Property(Replay = "(1618033988,7491249537)", MaxTest = 400)]
    public Property NoLinearAutoencoderBeatsPca() => L2BottleneckBound.NoLinearAutoencoderBeatsPca();

    [Property(Replay = "(2718281828,4590452353)", MaxTest = 300)]
    public Property PcaAttainsTheBound() => L2BottleneckBound.PcaAttainsTheBound();

    /// <summary>
    /// A linear autoencoder trained with Adam reaches the bound within 1% and spans the principal subspace
    /// (largest principal angle below 1e-2 rad), and its loss curve is drawn against the bound. Fixed seeds.
    /// </summary>
    [Fact]
    public void TrainedLinearAutoencoderReachesTheBoundAndSpansThePrincipalSubspace()
    {
        var result = L2BottleneckBound.TrainedLinearAutoencoderReachesTheBoundAndSpansThePrincipalSubspace();
        L1L2ClaimRuns.Write(result, output);
        Assert.True(result.Holds, result.Failures);
        var figure = Assert.Single(result.Figures);
        Assert.Equal("l2-linear-ae-vs-pca", figure.FileName);
        Assert.Equal(2, figure.Series.Count);
        Assert.All(figure.Series, s => Assert.Equal(1000, s.Y.Length));
    }

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L2BottleneckBound.Claim, Budget.Quick);
}
