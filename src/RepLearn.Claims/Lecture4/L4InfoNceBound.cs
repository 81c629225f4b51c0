namespace RepLearn.Claims;

/// <summary>
/// Claim <b>L4-infonce-bound</b> (Lecture 4): "log(K+1) - L_NCE is a lower bound on I(z; z+) and can never exceed
/// log(K+1)."
/// <para>
/// The estimator. With a critic f and a batch of B = K + 1 pairs (x_i, y_i) whose other y_k serve as x_i's K
/// negatives, L_NCE = mean_i [LSE_k f(x_i, y_k) - f(x_i, y_i)] and I_NCE = log(K+1) - L_NCE (van den Oord et al.
/// 2018; Poole et al. 2019, "On variational bounds of mutual information", eq. 12), with E[I_NCE] &lt;= I(x; y). The
/// library's <c>Losses.InfoNce</c> fixes the critic to cosine similarity / tau; here the critic is a score matrix,
/// and the estimator is the library's logit-level loss <c>Losses.InfoNceFromLogits</c> (which InfoNce and NT-Xent
/// call) with each row's positive on the diagonal; <see cref="ScoreMatrixFormEqualsLibraryInfoNce"/> checks this
/// in-batch form against <c>Losses.InfoNce</c> with explicit negatives on cosine scores (exact, to rounding).
/// </para>
/// <para>
/// Method, optimal critic. Data: <c>CorrelatedGaussians</c> (d = 20) at true I(x; y) = -(d/2) log(1 - rho^2) in
/// {0.25, 1, 2, 4, 8, 16, 32} nats; critic: the optimal one, the log density ratio
/// (<c>LogDensityRatioMatrix</c>); B = K + 1 in {16, 64}; 100 batches per point, fixed seeds (501, 502). Checks: every
/// batch estimate is &lt;= log(K+1) (exact, up to 4 u (max|f| + log B) rounding); the mean over batches is &lt;= the true
/// MI + 3 standard errors (statistical); and when MI &gt;= 4 log(K+1) the mean estimate is within 2% of log(K+1)
/// (saturation), and the estimates grow with MI (each MI level's mean is at least the previous one's minus 3
/// standard errors). The quick budget uses 20 batches per point from the claim's key.
/// </para>
/// <para>
/// Method, trained critics (<see cref="L4InfoNceBoundTrainedCritic"/>): a critic trained with Adam to minimise the
/// library's InfoNCE on batches of K+1 = 64 pairs, evaluated on 100 fresh batches (quick: 30) beside the optimal critic
/// on the same batches. (1) The original experiment, kept at the full budget: a bilinear critic x^T W y, d = 4, MI 0.5,
/// 1.5, 8 (seeds 51-53, 600 steps, learning rate 5e-2). A bilinear critic cannot represent the optimal critic's
/// -|y|^2 term, hence its gap at high MI. (2) A family that contains the optimal critic, x^T W y - y^T A y (the
/// optimal critic is rho/(1 - rho^2) x^T y - rho^2/(2 (1 - rho^2)) |y|^2 plus terms in x alone, which InfoNCE
/// ignores), d = 20, MI 0.5, 1.5, 4, 8, 16, 32 (seeds 61-66; quick: MI 1.5, 8, 32 from the claim's key with fewer
/// steps). Checks for both: the mean estimate &lt;= true MI + 3 standard errors; every batch estimate &lt;= log(K+1)
/// (+1e-12); the mean &gt;= half the true MI when MI &lt; log(K+1)/2. For the second family also: the mean is within
/// 0.1 nats of the optimal critic's mean on the same batches (2.4% of log 64: the optimal critic maximises the expected
/// estimate, so a well-trained member of a family containing it must come close; measured at most 0.067 nats, at MI 4,
/// while the bilinear critic, d = 4, misses its optimal critic by 2.2 nats at MI 8), and at MI &gt;= 3 log(K+1) (16 and 32 nats,
/// well above log 64 = 4.16) the mean is within 10% of log(K+1).
/// </para>
/// <para>
/// Figure "l4-infonce-vs-mi": the estimates against the true MI, with the log(K+1) ceilings and the line I_NCE = MI.
/// </para>
/// </summary>
public static class L4InfoNceBound
{
    private const double U = 1.1102230246251565e-16; // 2^-53
    private const int Dim = 20;
    private static readonly double[] MiLevels = [0.25, 1, 2, 4, 8, 16, 32];

    /// <summary>The original trained-critic experiment: bilinear critic, d = 4, (MI, seed).</summary>
    internal static readonly (double Mi, long Seed)[] BilinearLevels = [(0.5, 51), (1.5, 52), (8.0, 53)];

    /// <summary>The critic family containing the optimal critic, d = 20: (MI, seed) at the full budget.</summary>
    internal static readonly (double Mi, long Seed)[] QuadraticLevels = [(0.5, 61), (1.5, 62), (4, 63), (8, 64), (16, 65), (32, 66)];

    /// <summary>The claim, its method, and its experiment (<see cref="Run"/>).</summary>
    public static Claim Claim { get; } = new("L4-infonce-bound", 4,
        "log(K+1) - L_NCE is a lower bound on I(z; z+) and can never exceed log(K+1)",
        """
        Statistical, on correlated Gaussians with known MI = -(d/2) log(1 - rho^2); the estimator is the library's logit-level InfoNCE
        (Losses.InfoNceFromLogits, which InfoNce and NT-Xent call; checked against Losses.InfoNce exactly). Optimal critic (the log density
        ratio), d = 20, MI 0.25..32 nats, K+1 = 16 and 64, 100 batches per point (fixed seeds 501, 502; quick: 20 from the claim's key): every
        batch estimate <= log(K+1) up to rounding, the mean <= MI + 3 standard errors, non-decreasing in MI within 3 standard errors, and within
        2% of log(K+1) once MI >= 4 log(K+1). Trained critics (Adam on InfoNCE, K+1 = 64, 100 fresh evaluation batches): the original bilinear
        x^T W y, d = 4, MI 0.5, 1.5, 8 (full budget only); and x^T W y - y^T A y, a family containing the optimal critic, d = 20, MI 0.5 to 32:
        mean <= MI + 3 standard errors, every batch <= log(K+1), mean >= MI/2 when MI < log(K+1)/2; for the second family also within 0.1 nats of
        the optimal critic on the same batches (measured at most 0.067), and within 10% of log(K+1) at MI >= 3 log(K+1) (16 and 32 nats).
        """,
        ClaimKind.Statistical,
        Run);

    /// <summary>I_NCE = log B - mean_i (LSE_k S_ik - S_ii) for a B x B score matrix S (row i: anchor i, column i its positive).</summary>
    internal static double InfoNceEstimate(Tensor scores)
    {
        var b = scores.Rows;
        var loss = Ops.Mean(Core.InfoNceFromLogits(scores, [.. Enumerable.Range(0, b)]))[0, 0];
        return Math.Log(b) - loss;
    }

    /// <summary>Per-batch estimates with the optimal critic at one MI level.</summary>
    private static double[] Estimates(double mi, int batchSize, Key key, int batches, out double maxAbsScore)
    {
        var rho = CorrelatedGaussians.RhoForMutualInformation(Dim, mi);
        var estimates = new double[batches];
        maxAbsScore = 0;
        for (var t = 0; t < batches; t++)
        {
            var (x, y) = CorrelatedGaussians.Generate(key.FoldIn(t), batchSize, Dim, rho);
            var scores = CorrelatedGaussians.LogDensityRatioMatrix(x, y, rho);
            maxAbsScore = Math.Max(maxAbsScore, scores.ToArray().Max(Math.Abs));
            estimates[t] = InfoNceEstimate(scores);
        }
        return estimates;
    }

    /// <summary>
    /// The optimal critic's checks at K + 1 = <paramref name="batchSize"/> (named "optimal critic, K+1 = B, MI m: ...") and its
    /// mean estimate per MI level. Full budget: 100 batches, key Key.FromSeed(seed + 1000 MI) (the original experiment).
    /// </summary>
    public static (IReadOnlyList<Measurement> Checks, double[] Means) OptimalCritic(ClaimContext cx, int batchSize, long seed)
    {
        var logB = Math.Log(batchSize);
        var previous = double.NegativeInfinity;
        var previousSe = 0.0;
        var checks = new List<Measurement>();
        var means = new double[MiLevels.Length];
        var batches = cx.Pick(20, 100);
        for (var level = 0; level < MiLevels.Length; level++)
        {
            var mi = MiLevels[level];
            var key = cx.Pick(cx.Key.FoldIn(batchSize).FoldIn(level), Key.FromSeed(seed + (long)(mi * 1000)));
            var estimates = Estimates(mi, batchSize, key, batches, out var maxAbs);
            var (mean, _, se) = GradientEstimators.Moments(estimates);
            var max = estimates.Max();
            var name = $"optimal critic, K+1 = {batchSize}, MI {Format.Number(mi)}";
            var roundoff = 4 * U * (maxAbs + logB);
            checks.Add(Measure.AtMost($"{name}: largest batch estimate (log(K+1) + rounding)", max, logB + roundoff));
            checks.Add(Measure.AtMost($"{name}: mean estimate - true MI (bound: 3 standard errors)", mean - mi, 3 * se));
            if (mi >= 4 * logB)
                checks.Add(Measure.AtLeast($"{name}: mean estimate / log(K+1) (saturation, MI >= 4 log(K+1))", mean / logB, 0.98));
            if (level > 0)
                checks.Add(Measure.AtMost($"{name}: previous level's mean - this one (bound: 3 standard errors)", previous - mean, 3 * Math.Sqrt(se * se + previousSe * previousSe)));
            checks.Add(Measure.Reported($"{name}: mean estimate (n = {batches} batches)", mean));
            (previous, previousSe, means[level]) = (mean, se, mean);
        }
        return (checks, means);
    }

    /// <summary>
    /// A trained critic's checks at one MI level, named "{label}, MI m: ...": mean &lt;= MI + 3 SE, every batch &lt;= log(K+1) + 1e-12,
    /// mean &gt;= MI/2 when MI &lt; log(K+1)/2; with <paramref name="nearOptimal"/>, also |mean - optimal mean| &lt;= TrainedTolerance and, at
    /// MI &gt;= 3 log(K+1), mean &gt;= 0.9 log(K+1).
    /// </summary>
    public static IReadOnlyList<Measurement> TrainedCriticChecks(string label, TrainedCriticRun run, int batchSize, bool nearOptimal)
    {
        var logK1 = Math.Log(batchSize);
        var (mi, mean, se) = (run.TrueMi, run.Mean, run.StandardError);
        var name = $"{label}, MI {Format.Number(mi)}";
        var checks = new List<Measurement>
        {
            Measure.AtMost($"{name}: mean estimate - true MI (bound: 3 standard errors)", mean - mi, 3 * se),
            Measure.AtMost($"{name}: largest batch estimate", run.Estimates.Max(), logK1 + 1e-12),
        };
        if (mi < logK1 / 2) checks.Add(Measure.AtLeast($"{name}: mean estimate / true MI (MI < log(K+1)/2)", mean / mi, 0.5));
        if (nearOptimal)
        {
            checks.Add(Measure.Near($"{name}: mean estimate - optimal critic's on the same batches", run.Difference.Mean, 0, TrainedTolerance));
            if (mi >= 3 * logK1) checks.Add(Measure.AtLeast($"{name}: mean estimate / log(K+1) (saturation, MI >= 3 log(K+1))", mean / logK1, 0.9));
        }
        checks.Add(Measure.Reported($"{name}: mean estimate (optimal critic {Format.Number(run.OptimalMean)})", mean));
        return checks;
    }

    /// <summary>How far (nats) the trained bilinear-plus-quadratic critic's mean may lie from the optimal critic's on the same batches.</summary>
    public const double TrainedTolerance = 0.1;

    /// <summary>The optimal critic at K+1 = 16 and 64, the trained critics, the exact score-matrix property, and the figure.</summary>
    public static ClaimResult Run(ClaimContext cx)
    {
        var measurements = new List<Measurement>(PropertyRun.Each(cx,
            new PropertyCheck("in-batch cases where the score-matrix I_NCE != log B - mean(Losses.InfoNce)", ScoreMatrixFormEqualsLibraryInfoNce, 60, 300)));
        var (checks16, means16) = OptimalCritic(cx, 16, 501);
        var (checks64, means64) = OptimalCritic(cx, 64, 502);
        measurements.AddRange(checks16);
        measurements.AddRange(checks64);

        var quadratic = cx.Pick(QuadraticLevels.Where(l => l.Mi is 1.5 or 8 or 32).ToArray(), QuadraticLevels);
        var quadraticRuns = quadratic.Select((l, i) => L4InfoNceBoundTrainedCritic.Run(CriticFamily.BilinearPlusQuadratic, Dim, l.Mi, 64,
            cx.Pick(cx.Key.FoldIn(1000 + i), Key.FromSeed(l.Seed)), cx.Pick(QuickSteps, FullSteps), QuadraticLearningRate, cx.Pick(30, 100))).ToArray();
        foreach (var run in quadraticRuns)
            measurements.AddRange(TrainedCriticChecks("trained x^T W y - y^T A y critic, d = 20, K+1 = 64", run, 64, nearOptimal: true));

        var bilinearRuns = cx.Budget == Budget.Full
            ? BilinearLevels.Select(l => L4InfoNceBoundTrainedCritic.Run(CriticFamily.Bilinear, 4, l.Mi, 64, Key.FromSeed(l.Seed), 600, 5e-2, 100)).ToArray()
            : [];
        foreach (var run in bilinearRuns)
            measurements.AddRange(TrainedCriticChecks("trained bilinear critic, d = 4, K+1 = 64", run, 64, nearOptimal: false));

        var figure = Figure(means16, means64, quadraticRuns, bilinearRuns);
        return new ClaimResult(measurements, [figure], cx.Budget == Budget.Full
            ? "fixed seeds: optimal critic 501, 502; trained critics 51-53 (bilinear, the original experiment) and 61-66"
            : "quick: 20 batches per optimal-critic point, trained critic at MI 1.5, 8, 32 only with fewer steps, no bilinear critic; keys from the verify seed");
    }

    /// <summary>Adam steps for the bilinear-plus-quadratic critic, full and quick budgets, and its peak learning rate.</summary>
    internal const int FullSteps = 600, QuickSteps = 300;

    /// <summary>Peak learning rate of the bilinear-plus-quadratic critic.</summary>
    internal const double QuadraticLearningRate = 5e-2;

    private static FigureData Figure(double[] means16, double[] means64, TrainedCriticRun[] quadratic, TrainedCriticRun[] bilinear)
    {
        var identityEnd = Math.Log(64) * 1.25;
        double[] ends = [MiLevels[0], MiLevels[^1]];
        var series = new List<Series>
        {
            new("optimal critic, K+1 = 16 (d = 20)", MiLevels, means16),
            new("optimal critic, K+1 = 64 (d = 20)", MiLevels, means64),
            new("trained x^T W y - y^T A y critic, K+1 = 64 (d = 20)", [.. quadratic.Select(r => r.TrueMi)], [.. quadratic.Select(r => r.Mean)], SeriesKind.Scatter),
        };
        if (bilinear.Length > 0)
            series.Add(new("trained bilinear critic, K+1 = 64 (d = 4)", [.. bilinear.Select(r => r.TrueMi)], [.. bilinear.Select(r => r.Mean)], SeriesKind.Scatter));
        series.Add(new("log(K+1), K+1 = 16", ends, [Math.Log(16), Math.Log(16)]));
        series.Add(new("log(K+1), K+1 = 64", ends, [Math.Log(64), Math.Log(64)]));
        series.Add(new("I_NCE = true MI", [MiLevels[0], 1, 2, 4, identityEnd], [MiLevels[0], 1, 2, 4, identityEnd]));
        return new FigureData("l4-infonce-vs-mi", "L4-infonce-bound: InfoNCE estimate vs true mutual information (correlated Gaussians)",
            "true I(x; y) (nats)", "log(K+1) - L_NCE (nats)", series, LogX: true);
    }

    /// <summary>
    /// Anchors a_i, positives p_i (B x d), negatives of anchor i the other positives; cosine scores / tau.
    /// </summary>
    public sealed record InBatchCase(double[][] Anchors, double[][] Positives, double Temperature)
    {
        /// <inheritdoc />
        public override string ToString() => $"InBatchCase(tau = {Show(Temperature)}, anchors = {Show(Anchors)}, positives = {Show(Positives)})";
    }

    private static readonly Gen<InBatchCase> InBatch =
        ClaimGens.PositivePairs(maxPairs: 8).Select(p => new InBatchCase(p.First, p.Second, p.Temperature));

    /// <summary>
    /// The score-matrix estimator is the library's InfoNCE: with S_ik = cos(a_i, p_k) / tau and anchor i's
    /// negatives the other positives (K = B - 1), log B - mean_i (LSE_k S_ik - S_ii) = log B - mean(Losses.InfoNce).
    /// </summary>
    public static Property ScoreMatrixFormEqualsLibraryInfoNce() => Prop.ForAll(InBatch.ToArbitrary(), c =>
    {
        var b = c.Anchors.Length;
        var anchors = Tensor.FromRows(c.Anchors);
        var positives = Tensor.FromRows(c.Positives);
        var negatives = Tensor.FromRows(Enumerable.Range(0, b)
            .SelectMany(i => Enumerable.Range(0, b).Where(k => k != i).Select(k => c.Positives[k])).ToArray());
        var library = Core.InfoNce(anchors, positives, negatives, b - 1, c.Temperature);
        var cosines = Ops.Clamp(Ops.MatMul(Ops.L2NormalizeRows(anchors), Ops.L2NormalizeRows(positives), transposeB: true), -1, 1);
        var scores = Ops.Scale(cosines, 1 / c.Temperature);
        var estimate = InfoNceEstimate(scores);
        var libraryEstimate = Math.Log(b) - Ops.Mean(library)[0, 0];
        var tolerance = 16 * U * (1 / c.Temperature + Math.Log(b));
        Close(estimate, libraryEstimate, tolerance, "score-matrix I_NCE vs log B - mean(Losses.InfoNce)");
    });
}
