using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L3-kl-nonneg</b>: the library's properties (<see cref="L3KlNonNeg"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L3KlNonNegProperties
{
    [Property(Replay = "(7310045127,1442695040888963407)", MaxTest = 1000)]
    public Property KlIsFiniteAndNonNegative() => L3KlNonNeg.KlIsFiniteAndNonNegative();

    [Property(Replay = "(2862933555,3037000493)", MaxTest = 200)]
    public Property KlIsExactlyZeroAtTheStandardNormal() => L3KlNonNeg.KlIsExactlyZeroAtTheStandardNormal();

    [Property(Replay = "(6364136223,1013904223)", MaxTest = 1000)]
    public Property KlIsStrictlyPositiveOffTheStandardNormal() => L3KlNonNeg.KlIsStrictlyPositiveOffTheStandardNormal();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L3KlNonNeg.Claim, Budget.Quick);
}
