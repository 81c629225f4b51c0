using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L1-tradeoff</b>: the library's properties (<see cref="L1Tradeoff"/>) under FsCheck's runner, its fixed example, and its verify experiment.</summary>
public class L1TradeoffProperties(ITestOutputHelper output)
{
    [Property(Replay = "(8675309,1299709)", MaxTest = 200)]
    public Property AveragingOverTheNuisanceDestroysInformationAboutIt() => L1Tradeoff.AveragingOverTheNuisanceDestroysInformationAboutIt();

    [Property(Replay = "(2971215073,433494437)", MaxTest = 120)]
    public Property AveragingLosesTheInformationThatIsNotInTheOrbit() => L1Tradeoff.AveragingLosesTheInformationThatIsNotInTheOrbit();

    /// <summary>Figures for one fixed case (d = 6), written to the test output.</summary>
    [Fact]
    public void ReportExample()
    {
        var figures = L1Tradeoff.ReportExample();
        foreach (var m in figures) output.WriteLine($"{m.Name}: {Format.Number(m.Value)}");
        Assert.NotEmpty(figures);
    }

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L1Tradeoff.Claim, Budget.Quick);
}
