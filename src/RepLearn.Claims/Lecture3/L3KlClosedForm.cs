namespace RepLearn.Claims;

/// <summary>
/// Claim <b>L3-kl-closed-form</b> (Lecture 3): "The closed form equals the expectation it stands for."
/// KL(q || p) = E_q[log q(z) - log p(z)], with the closed forms
/// KL(N(mu, diag e^lv) || N(0, I)) = 1/2 sum_j (mu_j^2 + e^lv_j - lv_j - 1) and
/// KL(N1 || N2) = 1/2 sum_j [e^(lv1 - lv2) - 1 - (lv1 - lv2) + (mu1 - mu2)^2 e^-lv2].
/// <para>
/// Method (statistical): for a handful of fixed settings — the standard-normal prior and the
/// general diagonal case KL(N1 || N2) — draw 10^5 samples eps ~ N(0, I) with
/// <c>Sample.Normal(key, 10^5, d)</c>, set z = mu1 + e^(lv1/2) eps, and
/// average the log-density ratio log N(z; mu1, e^lv1) - log N(z; mu2, e^lv2), written out by hand
/// here (independent of the library's densities). The Monte Carlo estimate must lie within 1%
/// relative of the library's closed form (<c>Losses.GaussianKl</c>). The settings are chosen so
/// that the Monte Carlo standard error is at most about 0.3% of the KL, making the 1% tolerance at
/// least three standard errors (checked too: a setting whose standard error exceeds a third of the tolerance
/// cannot test the claim). Keys: the full budget uses the fixed seeds 101-104 and 201-203 (the experiment as it
/// was first run and reported, whatever the verify seed); the quick budget draws the same number of samples
/// (10^5 is what the 1% tolerance needs, and it is cheap) from the claim's key, so each verify seed is a fresh
/// replication, failing with probability about 2% (seven settings at three standard errors).
/// The figure follows each estimate's running mean as the samples grow, relative to its closed form.
/// </para>
/// </summary>
public static class L3KlClosedForm
{
    private const int Samples = 100_000;
    private const double Tolerance = 0.01;

    /// <summary>The fixed settings: name, seed, mu1, lv1, and (for the general case) mu2, lv2; null means N(0, I).</summary>
    internal static readonly (string Name, long Seed, double[] Mu1, double[] Lv1, double[]? Mu2, double[]? Lv2)[] Settings =
    [
        ("std-1d-shifted", 101, [2.0], [0.0], null, null),
        ("std-4d-mixed", 102, [1.0, -0.5, 2.0, 0.3], [0.5, -1.0, 0.2, -0.3], null, null),
        ("std-6d-variance-only", 103, [0, 0, 0, 0, 0, 0], [1.0, -3.0, 1.5, -2.5, -2.0, -3.0], null, null),
        ("std-8d-wide", 104, [3, -2, 1, -1, 0.5, 0, 2, -3], [-2, 1, 0, 0.5, -1, 2, -0.5, 1], null, null),
        ("gen-3d", 201, [1, -2, 0.5], [0, -1, -1], [-1.5, 1, 2], [0.5, -0.5, 0]),
        ("gen-5d", 202, [0.3, -0.7, 1.2, 0.0, 2.0], [-1, 0.4, 0.8, -2, 0], [-0.5, 0.2, 0.0, 1.0, 1.5], [0.6, -0.3, 1.2, -1, -0.4]),
        ("gen-2d-far", 203, [10, -5], [3, -3], [8, -4], [2.5, -2]),
    ];

    /// <summary>The claim, its method, and its experiment (<see cref="Run"/>).</summary>
    public static Claim Claim { get; } = new("L3-kl-closed-form", 3,
        "The closed form equals the expectation it stands for",
        """
        Statistical: seven fixed settings (four with the N(0, I) prior, three general diagonal pairs, d from 1 to 8); 10^5 draws z = mu1 +
        e^(lv1/2) eps each, and the log-density ratio log q(z) - log p(z) written out independently of the library. The Monte Carlo mean must lie
        within 1% relative of Losses.GaussianKl, and its standard error must be at most a third of that (so 1% is at least three standard
        errors). Full budget: the fixed seeds 101-104, 201-203 of the original experiment; quick: the same sample count from the claim's key
        (about 2% of seeds fail by chance).
        """,
        ClaimKind.Statistical,
        Run);

    /// <summary>One setting's result: closed form, estimate, standard error, and the running mean at <see cref="Checkpoints"/>.</summary>
    public sealed record Estimate(string Setting, double ClosedForm, double MonteCarlo, double StandardError, double[] RunningMean);

    /// <summary>Sample counts at which the running mean is recorded for the figure.</summary>
    public static readonly int[] Checkpoints = [10, 30, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000];

    /// <summary>The Monte Carlo estimate of KL for one setting from <see cref="Samples"/> draws of <paramref name="key"/>.</summary>
    public static Estimate MonteCarlo(int setting, Key key)
    {
        var (name, _, mu1, lv1, mu2Given, lv2Given) = Settings[setting];
        var d = mu1.Length;
        var mu2 = mu2Given ?? new double[d];
        var lv2 = lv2Given ?? new double[d];

        var closed = mu2Given is null
            ? Core.GaussianKl(Tensor.RowVector(mu1), Tensor.RowVector(lv1))[0, 0]
            : Core.GaussianKl(Tensor.RowVector(mu1), Tensor.RowVector(lv1), Tensor.RowVector(mu2), Tensor.RowVector(lv2))[0, 0];

        var sigma1 = lv1.Select(v => Math.Exp(v / 2)).ToArray();
        var precision1 = lv1.Select(v => Math.Exp(-v)).ToArray();
        var precision2 = lv2.Select(v => Math.Exp(-v)).ToArray();
        var eps = Sample.Normal(key, Samples, d).Span;
        double sum = 0, sumSq = 0;
        var running = new double[Checkpoints.Length];
        var next = 0;
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
            if (next < Checkpoints.Length && i + 1 == Checkpoints[next]) running[next++] = sum / (i + 1);
        }
        var estimate = sum / Samples;
        var variance = (sumSq - Samples * estimate * estimate) / (Samples - 1);
        return new Estimate(name, closed, estimate, Math.Sqrt(variance / Samples), running);
    }

    /// <summary>
    /// Every setting: "{setting}: |MC - closed| / closed" &lt;= 1% and "{setting}: standard error / closed" &lt;= 1%/3, the error
    /// in standard errors reported; the figure "l3-kl-mc-convergence".
    /// </summary>
    public static ClaimResult Run(ClaimContext cx)
    {
        var measurements = new List<Measurement>();
        var series = new List<Series>();
        for (var s = 0; s < Settings.Length; s++)
        {
            var key = cx.Pick(cx.Key.FoldIn(s), Key.FromSeed(Settings[s].Seed));
            var e = MonteCarlo(s, key);
            var relativeError = Math.Abs(e.MonteCarlo - e.ClosedForm) / e.ClosedForm;
            measurements.Add(Measure.AtMost($"{e.Setting}: |Monte Carlo - closed form| / closed form", relativeError, Tolerance));
            measurements.Add(Measure.AtMost($"{e.Setting}: standard error / closed form (the setting can test 1%)", e.StandardError / e.ClosedForm, Tolerance / 3));
            measurements.Add(Measure.Reported($"{e.Setting}: Monte Carlo - closed form, in standard errors", (e.MonteCarlo - e.ClosedForm) / e.StandardError));
            series.Add(new Series($"{e.Setting} (KL {Format.Number(e.ClosedForm)})", [.. Checkpoints.Select(c => (double)c)],
                [.. e.RunningMean.Select(m => m / e.ClosedForm)]));
        }
        double[] ends = [Checkpoints[0], Checkpoints[^1]];
        series.Add(new Series("closed form", ends, [1, 1]));
        series.Add(new Series("+1% tolerance", ends, [1 + Tolerance, 1 + Tolerance]));
        series.Add(new Series("-1% tolerance", ends, [1 - Tolerance, 1 - Tolerance]));
        var figure = new FigureData("l3-kl-mc-convergence", "L3-kl-closed-form: Monte Carlo KL converges to the closed form",
            "samples n", "Monte Carlo estimate / closed form", series, LogX: true);
        return new ClaimResult(measurements, [figure],
            cx.Budget == Budget.Full ? "fixed seeds 101-104, 201-203 (the original experiment)" : "keys from the verify seed");
    }
}
