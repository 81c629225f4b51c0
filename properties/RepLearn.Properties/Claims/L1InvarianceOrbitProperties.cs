using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L1-invariance-orbit</b>: the library's properties (<see cref="L1InvarianceOrbit"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L1InvarianceOrbitProperties
{
    [Property(Replay = "(9876543211,1234567891)", MaxTest = 200)]
    public Property OrbitAveragedEncoderIsExactlyInvariant() => L1InvarianceOrbit.OrbitAveragedEncoderIsExactlyInvariant();

    [Property(Replay = "(5555555555,7777777777)", MaxTest = 100)]
    public Property AveragingIsAProjection() => L1InvarianceOrbit.AveragingIsAProjection();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L1InvarianceOrbit.Claim, Budget.Quick);
}
