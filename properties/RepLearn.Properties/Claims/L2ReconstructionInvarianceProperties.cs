using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L2-reconstruction-invariance</b>: the library's properties (<see cref="L2ReconstructionInvariance"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L2ReconstructionInvarianceProperties
{
    [Property(Replay = "(8589934583,1099511628211)", MaxTest = 300)]
    public Property PermutingEncoderHiddenUnitsLeavesReconstructionUnchanged() => L2ReconstructionInvariance.PermutingEncoderHiddenUnitsLeavesReconstructionUnchanged();

    [Property(Replay = "(6700417,1000000007)", MaxTest = 300)]
    public Property PermutingDecoderHiddenUnitsLeavesReconstructionUnchanged() => L2ReconstructionInvariance.PermutingDecoderHiddenUnitsLeavesReconstructionUnchanged();

    [Property(Replay = "(3571428571,2862933555777941757)", MaxTest = 300)]
    public Property InvertibleCodeMapWithInverseInDecoderLeavesReconstructionUnchanged() => L2ReconstructionInvariance.InvertibleCodeMapWithInverseInDecoderLeavesReconstructionUnchanged();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L2ReconstructionInvariance.Claim, Budget.Quick);
}
