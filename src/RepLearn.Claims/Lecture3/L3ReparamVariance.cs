namespace RepLearn.Claims;

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
/// No baseline is used in the score-function estimator. The full budget is that experiment with its fixed seeds; the
/// quick budget takes 2 x 10^4 draws per setting from the claim's key.
/// </para>
/// <para>
/// Figure "l3-reparam-vs-score-variance": the ratio, measured (10^4 draws per point; quick 2 000) and exact, for both
/// parameters at mu = 1 over sigma from 0.1 to 10; every measured ratio there must be &lt; 1 as well.
/// </para>
/// </summary>
public static class L3ReparamVariance
{
    private static readonly double[] FigureSigmas = [0.1, 0.2, 0.5, 1, 2, 5, 10];
    private const double FigureMu = 1.0;

    /// <summary>The claim, its method, and its experiment (<see cref="Run"/>).</summary>
    public static Claim Claim { get; } = new("L3-reparam-variance", 3,
        "...and has lower variance than the score-function (REINFORCE) estimator",
        """
        Statistical, the setting of L3-reparam-unbiased (f(z) = z^2, five fixed (mu, sigma), 10^5 draws each with seeds 401-405; quick: 2 x 10^4
        from the claim's key): from the same draws, the reparameterised gradients (2 z, 2 z eps) and the score-function gradients f(z) grad log
        q(z) (Grad.ValueAndGrad of -Losses.GaussianNll with z fixed, no baseline). The score-function mean must be within 4 standard errors of (2
        mu, 2 sigma) (both estimate the same gradient), and the measured variance ratio reparameterised / score function must be < 1 for both
        parameters in every setting (exact ratios from the Gaussian moments reported beside). The figure's ratios over sigma in [0.1, 10] at mu =
        1 must be < 1 too.
        """,
        ClaimKind.Statistical,
        Run);

    /// <summary>Every setting's measurements ("{setting}: ..."), the figure's, and the figure.</summary>
    public static ClaimResult Run(ClaimContext cx)
    {
        var measurements = GradientEstimators.ForEachSetting(cx, Setting);
        var (figure, worst) = Figure(cx.Key.FoldIn(100), cx.Pick(2_000, 10_000));
        measurements.Add(LessThanOne("figure (mu = 1, sigma in [0.1, 10]): largest measured variance ratio", worst));
        return new ClaimResult(measurements, [figure],
            cx.Budget == Budget.Full ? "fixed seeds 401-405 (the original experiment)" : $"{GradientEstimators.QuickSamples} draws per setting, keys from the verify seed");
    }

    private static Measurement LessThanOne(string name, double ratio) => new(name, ratio, "< 1", ratio < 1);

    /// <summary>Var(reparameterised) / Var(score function) &lt; 1 for d/dmu and d/dsigma; the score-function mean within 4 standard errors.</summary>
    public static IReadOnlyList<Measurement> Setting(int index, Key key, int samples)
    {
        var (setting, mu, sigma, _) = GradientEstimators.Settings[index];
        var reparameterised = GradientEstimators.Reparameterised(mu, sigma, key, samples);
        var scoreFunction = GradientEstimators.ScoreFunction(mu, sigma, key, samples);
        var exactReparameterised = GradientEstimators.ReparameterisedVariance(mu, sigma);
        var exactScore = GradientEstimators.ScoreFunctionVariance(mu, sigma);
        var measurements = new List<Measurement>();
        foreach (var (name, rep, score, truth, exactRep, exactSf) in new[]
                 {
                     ("mu", reparameterised.Mu, scoreFunction.Mu, 2 * mu, exactReparameterised.Mu, exactScore.Mu),
                     ("sigma", reparameterised.Sigma, scoreFunction.Sigma, 2 * sigma, exactReparameterised.Sigma, exactScore.Sigma),
                 })
        {
            var (_, repVariance, _) = GradientEstimators.Moments(rep);
            var (sfMean, sfVariance, sfSe) = GradientEstimators.Moments(score);
            measurements.Add(Measure.AtMost($"{setting}: |score-function mean d/d{name} - {Format.Number(truth)}| in standard errors (n = {samples})", Math.Abs(sfMean - truth) / sfSe, 4));
            measurements.Add(LessThanOne($"{setting}: Var(reparameterised) / Var(score function), d/d{name} (exact {Format.Number(exactRep / exactSf)})", repVariance / sfVariance));
        }
        return measurements;
    }

    /// <summary>The figure "l3-reparam-vs-score-variance" and the largest measured ratio in it.</summary>
    internal static (FigureData Figure, double WorstRatio) Figure(Key key, int samples)
    {
        var measuredMu = new double[FigureSigmas.Length];
        var measuredSigma = new double[FigureSigmas.Length];
        for (var i = 0; i < FigureSigmas.Length; i++)
        {
            var sigma = FigureSigmas[i];
            var rep = GradientEstimators.Reparameterised(FigureMu, sigma, key.FoldIn(i), samples);
            var sf = GradientEstimators.ScoreFunction(FigureMu, sigma, key.FoldIn(i), samples);
            measuredMu[i] = GradientEstimators.Moments(rep.Mu).Variance / GradientEstimators.Moments(sf.Mu).Variance;
            measuredSigma[i] = GradientEstimators.Moments(rep.Sigma).Variance / GradientEstimators.Moments(sf.Sigma).Variance;
        }
        var exactMu = FigureSigmas.Select(s => GradientEstimators.ReparameterisedVariance(FigureMu, s).Mu / GradientEstimators.ScoreFunctionVariance(FigureMu, s).Mu).ToArray();
        var exactSigma = FigureSigmas.Select(s => GradientEstimators.ReparameterisedVariance(FigureMu, s).Sigma / GradientEstimators.ScoreFunctionVariance(FigureMu, s).Sigma).ToArray();
        var figure = new FigureData("l3-reparam-vs-score-variance",
            $"L3-reparam-variance: Var(reparameterised) / Var(score function), f(z) = z^2, mu = 1, {samples} draws per point",
            "sigma", "variance ratio (below 1: reparameterisation wins)",
        [
            new Series("d/dmu, exact", FigureSigmas, exactMu),
            new Series("d/dmu, measured", FigureSigmas, measuredMu, SeriesKind.Scatter),
            new Series("d/dsigma, exact", FigureSigmas, exactSigma),
            new Series("d/dsigma, measured", FigureSigmas, measuredSigma, SeriesKind.Scatter),
            new Series("ratio 1", [FigureSigmas[0], FigureSigmas[^1]], [1, 1]),
        ], LogX: true);
        return (figure, measuredMu.Concat(measuredSigma).Max());
    }
}
