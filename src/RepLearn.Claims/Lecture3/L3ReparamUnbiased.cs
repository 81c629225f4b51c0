namespace RepLearn.Claims;

/// <summary>
/// Claim <b>L3-reparam-unbiased</b> (Lecture 3): "The reparameterised gradient is an unbiased estimate of
/// grad E_q[f(z)]."
/// <para>
/// Method (statistical, fixed seeds). f(z) = z^2 with z ~ N(mu, sigma^2) has E f = mu^2 + sigma^2, so
/// grad_mu = 2 mu and grad_sigma = 2 sigma. For five settings of (mu, sigma) (seeds 401-405), 10^5
/// reparameterised estimates are taken by differentiating through <c>Losses.Reparameterize</c> with
/// <c>Grad.ValueAndGrad</c> (one batch; row i is sample i's estimate (2 z_i, 2 z_i eps_i), the sigma gradient
/// converted from the library's log-variance). The Monte Carlo mean of each component must lie within 3 standard
/// errors (sample standard deviation / sqrt(n)) of the truth. The per-sample estimates are also checked against
/// their closed form (2 z, 2 z eps) to 1e-12 relative (every 997th sample), and the sample variances are reported beside
/// the exact ones (4 sigma^2 and 4 (mu^2 + 2 sigma^2)). The full budget is that experiment, with its fixed seeds; the
/// quick budget takes 2 x 10^4 draws per setting from the claim's key (ten checks at 3 standard errors: about 3% of
/// keys fail by chance).
/// </para>
/// </summary>
public static class L3ReparamUnbiased
{
    /// <summary>The claim, its method, and its experiment (<see cref="Run"/>).</summary>
    public static Claim Claim { get; } = new("L3-reparam-unbiased", 3,
        "The reparameterised gradient is an unbiased estimate of grad E_q[f(z)]",
        """
        Statistical: f(z) = z^2, z ~ N(mu, sigma^2), whose true gradient is (2 mu, 2 sigma). Five fixed (mu, sigma), 10^5 per-sample gradients
        each, taken through Losses.Reparameterize with Grad.ValueAndGrad (fixed seeds 401-405; quick: 2 x 10^4 from the claim's key). Each
        component's mean must lie within 3 standard errors of the truth; the per-sample values must equal their closed form (2 z, 2 z eps) to
        1e-12 relative; sample variances are reported beside the exact 4 sigma^2 and 4 (mu^2 + 2 sigma^2).
        """,
        ClaimKind.Statistical,
        Run);

    /// <summary>Every setting's measurements, named "{setting}: ...".</summary>
    public static ClaimResult Run(ClaimContext cx)
    {
        var measurements = GradientEstimators.ForEachSetting(cx, Setting);
        return new ClaimResult(measurements, [],
            cx.Budget == Budget.Full ? "fixed seeds 401-405 (the original experiment)" : $"{GradientEstimators.QuickSamples} draws per setting, keys from the verify seed");
    }

    /// <summary>The mean of <paramref name="samples"/> reparameterised gradients is within 3 standard errors of (2 mu, 2 sigma).</summary>
    public static IReadOnlyList<Measurement> Setting(int index, Key key, int samples)
    {
        var (setting, mu, sigma, _) = GradientEstimators.Settings[index];
        var (gMu, gSigma) = GradientEstimators.Reparameterised(mu, sigma, key, samples);
        var measurements = new List<Measurement>();

        var eps = Sample.Normal(key, samples, 1);
        int violations = 0, checkedSamples = 0;
        for (var i = 0; i < samples; i += 997)
        {
            var z = mu + sigma * eps[i, 0];
            checkedSamples++;
            if (!(Math.Abs(gMu[i] - 2 * z) <= 1e-12 * (1 + Math.Abs(2 * z))) ||
                !(Math.Abs(gSigma[i] - 2 * z * eps[i, 0]) <= 1e-12 * (1 + Math.Abs(2 * z * eps[i, 0]))))
                violations++;
        }
        measurements.Add(Measure.NoViolations($"{setting}: per-sample estimates off (2 z, 2 z eps) by more than 1e-12 relative", violations, checkedSamples));

        var exact = GradientEstimators.ReparameterisedVariance(mu, sigma);
        foreach (var (name, values, truth, exactVariance) in new[] { ("mu", gMu, 2 * mu, exact.Mu), ("sigma", gSigma, 2 * sigma, exact.Sigma) })
        {
            var (mean, variance, se) = GradientEstimators.Moments(values);
            measurements.Add(Measure.AtMost($"{setting}: |mean d/d{name} - {Format.Number(truth)}| in standard errors (n = {samples})", Math.Abs(mean - truth) / se, 3));
            measurements.Add(Measure.Reported($"{setting}: sample variance of d/d{name} (exact {Format.Number(exactVariance)})", variance));
        }
        return measurements;
    }
}
