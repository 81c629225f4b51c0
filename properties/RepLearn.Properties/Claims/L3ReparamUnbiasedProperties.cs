using RepLearn.Claims;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L3-reparam-unbiased</b> (statistical): the library's experiment (<see cref="L3ReparamUnbiased"/>) at the full budget
/// (the original fixed seeds), run once and checked setting by setting.
/// </summary>
public class L3ReparamUnbiasedProperties(ITestOutputHelper output)
{
    /// <summary>Names of the settings.</summary>
    public static TheoryData<string> SettingNames => new(GradientEstimators.Settings.Select(s => s.Name));

    /// <summary>The mean of 10^5 reparameterised gradients is within 3 standard errors of (2 mu, 2 sigma).</summary>
    [Theory]
    [MemberData(nameof(SettingNames))]
    public void ReparameterisedGradientMeanIsWithinThreeStandardErrorsOfTheTrueGradient(string setting) =>
        L34ClaimRuns.PartHolds(L3ReparamUnbiased.Claim, $"{setting}:", output);

    [Fact]
    public void VerifyExperimentHolds() => L34ClaimRuns.Holds(L3ReparamUnbiased.Claim, output);
}
