using RepLearn.Claims;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L3-kl-closed-form</b> (statistical): the library's experiment (<see cref="L3KlClosedForm"/>) at the full budget
/// (the original fixed seeds), run once and checked setting by setting.
/// </summary>
public class L3KlClosedFormProperties(ITestOutputHelper output)
{
    /// <summary>Names of the settings, for the theory.</summary>
    public static TheoryData<string> SettingNames => new(L3KlClosedForm.Settings.Select(s => s.Name));

    /// <summary>Monte Carlo E_q[log q - log p] within 1% relative of the closed form.</summary>
    [Theory]
    [MemberData(nameof(SettingNames))]
    public void MonteCarloMatchesClosedForm(string setting) => L34ClaimRuns.PartHolds(L3KlClosedForm.Claim, $"{setting}:", output);

    [Fact]
    public void VerifyExperimentHolds() => L34ClaimRuns.Holds(L3KlClosedForm.Claim, output);
}
