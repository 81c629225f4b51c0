using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L3-elbo-bound</b>: the library's exact properties (<see cref="L3ElboBound"/>) under FsCheck's runner, its Monte Carlo
/// checks at the full budget (the original fixed seeds, run once and checked setting by setting), and its verify experiment.
/// </summary>
public class L3ElboBoundProperties(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<Measurement>> FullMonteCarlo = new(() =>
        L3ElboBound.MonteCarlo(new ClaimContext(ClaimAssert.KeyFor(L3ElboBound.Claim), Budget.Full)));

    [Property(Replay = "(1414213562,3730950489)", MaxTest = 500)]
    public Property ElboIsBelowTheLogMarginalByTheKlToThePosterior() => L3ElboBound.ElboIsBelowTheLogMarginalByTheKlToThePosterior();

    [Property(Replay = "(1732050807,5688772935)", MaxTest = 500)]
    public Property TruePosteriorAttainsTheLogMarginal() => L3ElboBound.TruePosteriorAttainsTheLogMarginal();

    /// <summary>Names of the Monte Carlo settings.</summary>
    public static TheoryData<string> SettingNames => new(L3ElboBound.SettingNames);

    /// <summary>The library's one-sample negative ELBO averaged over 20 000 samples is within 4 standard errors of the closed form.</summary>
    [Theory]
    [MemberData(nameof(SettingNames))]
    public void MonteCarloElboMatchesTheClosedForm(string setting) => PartHolds(setting, m => !m.Name.Contains("true posterior", StringComparison.Ordinal));

    /// <summary>At the true posterior every sample's log p(x, z) - log q(z) equals log p(x) (zero variance).</summary>
    [Theory]
    [MemberData(nameof(SettingNames))]
    public void MonteCarloElboAtTheTruePosteriorIsExactlyLogMarginal(string setting) => PartHolds(setting, m => m.Name.Contains("true posterior", StringComparison.Ordinal));

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L3ElboBound.Claim, Budget.Quick);

    private void PartHolds(string setting, Func<Measurement, bool> which)
    {
        var part = FullMonteCarlo.Value.Where(m => m.Name.StartsWith($"{setting}:", StringComparison.Ordinal) && which(m)).ToList();
        foreach (var m in part) output.WriteLine($"L3-elbo-bound {m.Name} = {Format.Number(m.Value)} (expected {m.Expected})");
        Assert.NotEmpty(part);
        Assert.True(part.All(m => m.Holds), string.Join("; ", part.Where(m => !m.Holds).Select(m => $"{m.Name} = {Format.Number(m.Value)}, expected {m.Expected}")));
    }
}
