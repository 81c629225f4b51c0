namespace RepLearn.Claims;

/// <summary>
/// Per-sample gradient estimates of d/d(mu, sigma) E_{z ~ N(mu, sigma^2)}[z^2] = (2 mu, 2 sigma), both computed by
/// <c>Grad.ValueAndGrad</c> on a batch of n independent copies of the parameters (row i of the gradient is
/// sample i's estimate, since rows do not interact), parameterised as the library's (mu, logVar) and converted
/// by d/d sigma = (2 / sigma) d/d logVar.
/// </summary>
internal static class GradientEstimators
{
    /// <summary>The fixed settings (mu, sigma) and their sampling seeds (used at the full budget).</summary>
    public static readonly (string Name, double Mu, double Sigma, long Seed)[] Settings =
    [
        ("mu0-sigma1", 0.0, 1.0, 401),
        ("mu1-sigma0.5", 1.0, 0.5, 402),
        ("mu-2-sigma1.5", -2.0, 1.5, 403),
        ("mu0.3-sigma3", 0.3, 3.0, 404),
        ("mu5-sigma0.2", 5.0, 0.2, 405),
    ];

    /// <summary>The full budget's number of draws per setting (the original experiment); quick uses <see cref="QuickSamples"/>.</summary>
    public const int Samples = 100_000;

    /// <summary>The quick budget's number of draws per setting.</summary>
    public const int QuickSamples = 20_000;

    /// <summary>The key of a setting: its fixed seed at the full budget, a child of the claim's key (by setting index) at the quick one.</summary>
    public static Key KeyFor(ClaimContext cx, int index, long seed) => cx.Pick(cx.Key.FoldIn(index), Key.FromSeed(seed));

    /// <summary>
    /// <paramref name="setting"/>(index, key, samples) for every one of <see cref="Settings"/>, with the budget's sample count and
    /// each setting's key (<see cref="KeyFor"/>): the experiment shape both gradient-estimator claims share.
    /// </summary>
    public static List<Measurement> ForEachSetting(ClaimContext cx, Func<int, Key, int, IEnumerable<Measurement>> setting)
    {
        var measurements = new List<Measurement>();
        var samples = cx.Pick(QuickSamples, Samples);
        for (var s = 0; s < Settings.Length; s++)
            measurements.AddRange(setting(s, KeyFor(cx, s, Settings[s].Seed), samples));
        return measurements;
    }

    private static Tensor Parameters(double mu, double sigma, int samples) =>
        Tensor.Create(samples, 2, (_, c) => c == 0 ? mu : 2 * Math.Log(sigma));

    private static (double[] Mu, double[] Sigma) Split(Tensor grad, double sigma) =>
        (Enumerable.Range(0, grad.Rows).Select(i => grad[i, 0]).ToArray(),
         Enumerable.Range(0, grad.Rows).Select(i => grad[i, 1] * 2 / sigma).ToArray());

    /// <summary>
    /// Reparameterised estimates: z_i = <c>Losses.Reparameterize</c>(mu, logVar, key) row i, f = sum_i z_i^2,
    /// differentiated through the sampling path: (2 z_i, 2 z_i eps_i).
    /// </summary>
    public static (double[] Mu, double[] Sigma) Reparameterised(double mu, double sigma, Key key, int samples)
    {
        var (_, grad) = Grad.ValueAndGrad(p =>
            Ops.Sum(Ops.Square(Core.Reparameterize(Ops.SliceCols(p, 0, 1), Ops.SliceCols(p, 1, 1), key))), Parameters(mu, sigma, samples));
        return Split(grad, sigma);
    }

    /// <summary>
    /// Score-function (REINFORCE; Williams 1992) estimates from the same draws: f(z_i) grad log q(z_i; mu, sigma)
    /// with z_i held fixed, log q = -<c>Losses.GaussianNll</c>: (z_i^2 eps_i / sigma, z_i^2 (eps_i^2 - 1) / sigma).
    /// </summary>
    public static (double[] Mu, double[] Sigma) ScoreFunction(double mu, double sigma, Key key, int samples)
    {
        var p0 = Parameters(mu, sigma, samples);
        var z = Core.Reparameterize(Ops.SliceCols(p0, 0, 1), Ops.SliceCols(p0, 1, 1), key).Detach();
        var fz = Ops.Square(z);
        var (_, grad) = Grad.ValueAndGrad(p =>
            Ops.Sum(Ops.Mul(fz, Ops.Neg(Core.GaussianNll(z, Ops.SliceCols(p, 0, 1), Ops.SliceCols(p, 1, 1))))), p0);
        return Split(grad, sigma);
    }

    /// <summary>Sample mean, sample variance (n - 1) and standard error of the mean.</summary>
    public static (double Mean, double Variance, double StandardError) Moments(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, variance, Math.Sqrt(variance / values.Length));
    }

    /// <summary>Exact variances of the reparameterised estimator: Var(2 z) = 4 sigma^2, Var(2 z eps) = 4 (mu^2 + 2 sigma^2).</summary>
    public static (double Mu, double Sigma) ReparameterisedVariance(double mu, double sigma) =>
        (4 * sigma * sigma, 4 * (mu * mu + 2 * sigma * sigma));

    /// <summary>
    /// Exact variances of the score-function estimator, from E eps^2k = 1, 1, 3, 15, 105 (k = 0..4):
    /// Var(z^2 eps / sigma) = (mu^4 + 18 mu^2 sigma^2 + 15 sigma^4) / sigma^2 - 4 mu^2 and
    /// Var(z^2 (eps^2 - 1) / sigma) = (2 mu^4 + 60 mu^2 sigma^2 + 78 sigma^4) / sigma^2 - 4 sigma^2.
    /// </summary>
    public static (double Mu, double Sigma) ScoreFunctionVariance(double mu, double sigma)
    {
        double m2 = mu * mu, s2 = sigma * sigma;
        return ((m2 * m2 + 18 * m2 * s2 + 15 * s2 * s2) / s2 - 4 * m2, (2 * m2 * m2 + 60 * m2 * s2 + 78 * s2 * s2) / s2 - 4 * s2);
    }
}
