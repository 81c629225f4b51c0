using RepLearn.Claims;
using RepLearn.Functional.Keys;
using Xunit;
using Xunit.Abstractions;
using static RepLearn.Claims.ClaimCheck;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L3-reparam-variance</b> (Lecture 3): "...and [the reparameterised gradient] has lower variance than
/// the score-function (REINFORCE) estimator."
/// <para>
/// Method (statistical, fixed seeds). The setting of L3-reparam-unbiased: f(z) = z^2, z ~ N(mu, sigma^2), five
/// (mu, sigma), 10^5 draws each (seeds 401-405). From the same draws, the reparameterised estimates
/// (2 z, 2 z eps) — through <c>Losses.Reparameterize</c> — and the score-function estimates
/// f(z) grad log q(z) = (z^2 eps / sigma, z^2 (eps^2 - 1) / sigma) — through <c>Grad.ValueAndGrad</c> of
/// -<c>Losses.GaussianNll</c> with z held fixed — are formed for both parameters. The score-function estimator is
/// unbiased too (its mean must lie within 4 of its standard errors of (2 mu, 2 sigma) — a check that the
/// comparison is between two estimators of the same gradient). The variance ratio
/// Var(reparameterised) / Var(score function) is reported, measured and exact (from the Gaussian moments
/// E eps^2k = 1, 1, 3, 15, 105), and the measured ratio must be &lt; 1 for each parameter and setting.
/// No baseline is used in the score-function estimator.
/// </para>
/// </summary>
public class L3ReparamVariance(ITestOutputHelper output)
{
    /// <summary>Names of the settings.</summary>
    public static TheoryData<string> SettingNames => new(GradientEstimators.Settings.Keys);

    /// <summary>Var(reparameterised) / Var(score function) &lt; 1 for d/dmu and d/dsigma.</summary>
    [Theory]
    [MemberData(nameof(SettingNames))]
    public void ReparameterisedGradientHasLowerVarianceThanScoreFunction(string setting)
    {
        var (mu, sigma, seed) = GradientEstimators.Settings[setting];
        var key = Key.FromSeed(seed);
        var reparameterised = GradientEstimators.Reparameterised(mu, sigma, key);
        var scoreFunction = GradientEstimators.ScoreFunction(mu, sigma, key);
        var exactReparameterised = GradientEstimators.ReparameterisedVariance(mu, sigma);
        var exactScore = GradientEstimators.ScoreFunctionVariance(mu, sigma);

        foreach (var (name, rep, score, truth, exactRep, exactSf) in new[]
                 {
                     ("mu", reparameterised.Mu, scoreFunction.Mu, 2 * mu, exactReparameterised.Mu, exactScore.Mu),
                     ("sigma", reparameterised.Sigma, scoreFunction.Sigma, 2 * sigma, exactReparameterised.Sigma, exactScore.Sigma),
                 })
        {
            var (_, repVariance, _) = GradientEstimators.Moments(rep);
            var (sfMean, sfVariance, sfSe) = GradientEstimators.Moments(score);
            var ratio = repVariance / sfVariance;
            var sfZ = (sfMean - truth) / sfSe;
            output.WriteLine(
                $"L3-reparam-variance {setting} d/d{name} (seed {seed}, n = {rep.Length}): Var reparam {repVariance:G6} (exact {exactRep:G6}), " +
                $"Var score function {sfVariance:G6} (exact {exactSf:G6}), ratio {ratio:G4} (exact {exactRep / exactSf:G4}); " +
                $"score-function mean {sfMean:G6} vs {truth:G6}, {sfZ:F2} standard errors");
            That(Math.Abs(sfZ) <= 4, () => $"{setting} d/d{name}: score-function mean {Show(sfMean)} is {sfZ:F2} standard errors from {Show(truth)}");
            That(ratio < 1, () => $"{setting} d/d{name}: variance ratio reparameterised / score function = {Show(ratio)} >= 1");
        }
    }
}
