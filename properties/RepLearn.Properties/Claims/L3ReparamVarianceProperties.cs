using RepLearn.Claims;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L3-reparam-variance</b> (statistical): the library's experiment (<see cref="L3ReparamVariance"/>) at the full budget
/// (the original fixed seeds), run once and checked setting by setting.
/// </summary>
public class L3ReparamVarianceProperties(ITestOutputHelper output)
{
    /// <summary>Names of the settings.</summary>
    public static TheoryData<string> SettingNames => new(GradientEstimators.Settings.Select(s => s.Name));

    /// <summary>Var(reparameterised) / Var(score function) &lt; 1 for d/dmu and d/dsigma.</summary>
    [Theory]
    [MemberData(nameof(SettingNames))]
    public void ReparameterisedGradientHasLowerVarianceThanScoreFunction(string setting) =>
        L34ClaimRuns.PartHolds(L3ReparamVariance.Claim, $"{setting}:", output);

    [Fact]
    public void VerifyExperimentHolds() => L34ClaimRuns.Holds(L3ReparamVariance.Claim, output);
}
