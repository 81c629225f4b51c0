using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L1-tc-independent</b>: the library's properties (<see cref="L1TcIndependent"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L1TcIndependentProperties
{
    [Property(Replay = "(2654435761,40503)", MaxTest = 500)]
    public Property DiagonalCovarianceHasZeroTotalCorrelation() => L1TcIndependent.DiagonalCovarianceHasZeroTotalCorrelation();

    [Property(Replay = "(1597334677,3812015801)", MaxTest = 500)]
    public Property TotalCorrelationIsNonNegativeAndMatchesTheLogDeterminantFormula() => L1TcIndependent.TotalCorrelationIsNonNegativeAndMatchesTheLogDeterminantFormula();

    [Property(Replay = "(3266489917,2246822519)", MaxTest = 500)]
    public Property TotalCorrelationIsInvariantToPerAxisScaling() => L1TcIndependent.TotalCorrelationIsInvariantToPerAxisScaling();

    [Property(Replay = "(2246822519,3266489917)", MaxTest = 300)]
    public Property IndependentBlocksAddUp() => L1TcIndependent.IndependentBlocksAddUp();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L1TcIndependent.Claim, Budget.Quick);
}
