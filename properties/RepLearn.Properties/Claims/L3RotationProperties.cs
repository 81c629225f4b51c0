using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L3-rotation</b>: the library's properties (<see cref="L3Rotation"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L3RotationProperties
{
    [Property(Replay = "(1234567891,987654321)", MaxTest = 300)]
    public Property MarginalLikelihoodIsInvariantToLatentRotation() => L3Rotation.MarginalLikelihoodIsInvariantToLatentRotation();

    [Property(Replay = "(3141592653,2718281829)", MaxTest = 300)]
    public Property PosteriorRotatesWithTheLatentSpace() => L3Rotation.PosteriorRotatesWithTheLatentSpace();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L3Rotation.Claim, Budget.Quick);
}
