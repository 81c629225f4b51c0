using RepLearn.Claims;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;
using Xunit.Abstractions;
using static RepLearn.Claims.ClaimCheck;
using Core = RepLearn.Functional.Objectives.Losses;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L3-kl-closed-form</b> (Lecture 3): "The closed form equals the expectation it stands for."
/// KL(q || p) = E_q[log q(z) - log p(z)], with the closed forms
/// KL(N(mu, diag e^lv) || N(0, I)) = 1/2 sum_j (mu_j^2 + e^lv_j - lv_j - 1) and
/// KL(N1 || N2) = 1/2 sum_j [e^(lv1 - lv2) - 1 - (lv1 - lv2) + (mu1 - mu2)^2 e^-lv2].
/// <para>
/// Method (statistical): for a handful of fixed settings — the standard-normal prior and the
/// general diagonal case KL(N1 || N2) — draw 10^5 samples eps ~ N(0, I) with
/// <c>Sample.Normal(Key.FromSeed(seed), 10^5, d)</c> (fixed seeds), set z = mu1 + e^(lv1/2) eps, and
/// average the log-density ratio log N(z; mu1, e^lv1) - log N(z; mu2, e^lv2), written out by hand
/// here (independent of the library's densities). The Monte Carlo estimate must lie within 1%
/// relative of the library's closed form (<c>Losses.GaussianKl</c>). The settings are chosen so
/// that the Monte Carlo standard error is at most about 0.3% of the KL, making the 1% tolerance at
/// least three standard errors; estimate, closed form, relative error and the error in standard
/// errors are written to the test output.
/// </para>
/// </summary>
public class L3KlClosedForm(ITestOutputHelper output)
{
    private const int Samples = 100_000;
    private const double Tolerance = 0.01;

    /// <summary>The fixed settings: name, seed, mu1, lv1, and (for the general case) mu2, lv2; null means N(0, I).</summary>
    private static readonly Dictionary<string, (long Seed, double[] Mu1, double[] Lv1, double[]? Mu2, double[]? Lv2)> Settings = new()
    {
        ["std-1d-shifted"] = (101, [2.0], [0.0], null, null),
        ["std-4d-mixed"] = (102, [1.0, -0.5, 2.0, 0.3], [0.5, -1.0, 0.2, -0.3], null, null),
        ["std-6d-variance-only"] = (103, [0, 0, 0, 0, 0, 0], [1.0, -3.0, 1.5, -2.5, -2.0, -3.0], null, null),
        ["std-8d-wide"] = (104, [3, -2, 1, -1, 0.5, 0, 2, -3], [-2, 1, 0, 0.5, -1, 2, -0.5, 1], null, null),
        ["gen-3d"] = (201, [1, -2, 0.5], [0, -1, -1], [-1.5, 1, 2], [0.5, -0.5, 0]),
        ["gen-5d"] = (202, [0.3, -0.7, 1.2, 0.0, 2.0], [-1, 0.4, 0.8, -2, 0], [-0.5, 0.2, 0.0, 1.0, 1.5], [0.6, -0.3, 1.2, -1, -0.4]),
        ["gen-2d-far"] = (203, [10, -5], [3, -3], [8, -4], [2.5, -2]),
    };

    /// <summary>Names of the settings, for the theory.</summary>
    public static TheoryData<string> SettingNames => new(Settings.Keys);

    /// <summary>Monte Carlo E_q[log q - log p] within 1% relative of the closed form.</summary>
    [Theory]
    [MemberData(nameof(SettingNames))]
    public void MonteCarloMatchesClosedForm(string setting)
    {
        var (seed, mu1, lv1, mu2Given, lv2Given) = Settings[setting];
        var d = mu1.Length;
        var mu2 = mu2Given ?? new double[d];
        var lv2 = lv2Given ?? new double[d];

        var closed = mu2Given is null
            ? Core.GaussianKl(Tensor.RowVector(mu1), Tensor.RowVector(lv1))[0, 0]
            : Core.GaussianKl(Tensor.RowVector(mu1), Tensor.RowVector(lv1), Tensor.RowVector(mu2), Tensor.RowVector(lv2))[0, 0];

        var sigma1 = lv1.Select(v => Math.Exp(v / 2)).ToArray();
        var precision1 = lv1.Select(v => Math.Exp(-v)).ToArray();
        var precision2 = lv2.Select(v => Math.Exp(-v)).ToArray();
        var eps = Sample.Normal(Key.FromSeed(seed), Samples, d).Span;
        double sum = 0, sumSq = 0;
        for (var i = 0; i < Samples; i++)
        {
            var logRatio = 0.0;
            for (var j = 0; j < d; j++)
            {
                var z = mu1[j] + sigma1[j] * eps[i * d + j];
                var logQ = -0.5 * (lv1[j] + (z - mu1[j]) * (z - mu1[j]) * precision1[j]);
                var logP = -0.5 * (lv2[j] + (z - mu2[j]) * (z - mu2[j]) * precision2[j]);
                logRatio += logQ - logP; // the 1/2 ln 2 pi terms cancel
            }
            sum += logRatio;
            sumSq += logRatio * logRatio;
        }
        var estimate = sum / Samples;
        var variance = (sumSq - Samples * estimate * estimate) / (Samples - 1);
        var standardError = Math.Sqrt(variance / Samples);
        var relativeError = Math.Abs(estimate - closed) / closed;

        output.WriteLine(
            $"L3-kl-closed-form {setting} (seed {seed}, n = {Samples}): closed form {closed:R}, Monte Carlo {estimate:R}, " +
            $"relative error {relativeError:P3}, standard error {standardError / closed:P3} of KL, " +
            $"error = {(estimate - closed) / standardError:F2} standard errors");

        That(standardError / closed <= Tolerance / 3, () =>
            $"{setting}: the standard error {Show(standardError)} is over a third of the 1% tolerance; the setting cannot test the claim");
        That(relativeError <= Tolerance, () =>
            $"{setting}: Monte Carlo {Show(estimate)} vs closed form {Show(closed)}: relative error {Show(relativeError)} > {Show(Tolerance)}");
    }
}
