using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L3-kl-additive</b>: the library's properties (<see cref="L3KlAdditive"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L3KlAdditiveProperties
{
    [Property(Replay = "(4049364191,2654435769)", MaxTest = 1000)]
    public Property StandardPriorKlIsSumOfOneDimensionalKls() => L3KlAdditive.StandardPriorKlIsSumOfOneDimensionalKls();

    [Property(Replay = "(1181783497,2246822519)", MaxTest = 1000)]
    public Property GeneralKlIsSumOfOneDimensionalKls() => L3KlAdditive.GeneralKlIsSumOfOneDimensionalKls();

    [Property(Replay = "(3267000013,2862933555)", MaxTest = 1000)]
    public Property GeneralKlMatchesTheFullCovarianceFormula() => L3KlAdditive.GeneralKlMatchesTheFullCovarianceFormula();

    [Property(Replay = "(1597334677,3812015801)", MaxTest = 1000)]
    public Property StandardPriorKlMatchesTheFullCovarianceFormula() => L3KlAdditive.StandardPriorKlMatchesTheFullCovarianceFormula();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L3KlAdditive.Claim, Budget.Quick);
}
