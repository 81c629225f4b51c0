using CoreProbe = RepLearn.Functional.Evaluation.LinearProbe;

namespace RepLearn.Claims;

/// <summary>
/// One generated setting of <see cref="L1SufficiencyProbe"/>: <see cref="Classes"/> equally likely classes, and given class k,
/// z = A (mu_k + eps), eps ~ N(0, I_d), d = <see cref="Dim"/>, mu_k ~ N(0, <see cref="Separation"/>^2 I) and
/// A = Q diag(e^(U[-1, 1])) (Q orthogonal), all drawn from the case's key: Gaussian class-conditionals with the shared
/// covariance A A^T.
/// </summary>
public sealed record GaussianClassesCase(int Classes, int Dim, double Separation)
{
    /// <inheritdoc />
    public override string ToString() => $"K = {Classes}, d = {Dim}, separation {Separation}";
}

/// <summary>
/// Claim <b>L1-sufficiency-probe</b> (Lecture 1): a representation's information about y is bounded below by a probe,
/// I(y; z) &gt;= H(y) - CE(probe), since the probe's expected cross-entropy upper-bounds H(y | z).
/// <para>
/// Method, judged part (generated data with a known I(y; z)): Gaussian class-conditionals with a shared covariance
/// (<see cref="GaussianClassesCase"/>). I(y; z) = E[log p(z | y) - log p(z)] is computed by Monte Carlo with the exact mixture
/// density (10^6 samples in the full budget, 10^5 in the quick one; A cancels, so it is evaluated on mu_y + eps), with its
/// standard error. The probe (<c>LinearProbe.Fit</c>: standardised features, softmax regression with L2 penalty C = 1 solved by L-BFGS) is fitted on
/// fresh training samples and its cross-entropy measured on fresh test samples (mean and standard error), H(y) = log K exactly.
/// Checks: the bound H(y) - CE is &lt;= I + 4 SE (SE combining both standard errors: the bound holds in expectation, the test
/// mean only to its sampling error), and &gt;= I - 0.05 nats: with a shared covariance log p(y | z) is affine in z, so the
/// linear softmax probe is the Bayes-optimal family and only its estimation error (about K (d + 1) / (2 n_train) nats), the
/// L2 penalty and sampling noise separate it from I. A figure plots the bound against I.
/// </para>
/// <para>
/// Method, reported part (MNIST-10k, fixed seed, full budget, when <see cref="ClaimContext.MnistFolder"/> is given): for the
/// representations of <see cref="MnistRepresentations"/> and for the raw pixels, the bound on the 2,000 test digits is reported in
/// nats beside the plug-in H(y), and must lie in [1e-9, H(y)]. It is only a lower bound, as its use on pixels shows: the pixels
/// hold everything the representation holds about y (I(y; x) &gt;= I(y; z)), yet a linear probe on 784 raw pixels overfits the
/// 8,000 digits and bounds I(y; x) more loosely (measured 1.59 nats) than the 64-d contrastive representation bounds I(y; z)
/// (2.06 nats, of H(y) = 2.30). Without the folder, or in the quick budget, only the generated part runs and the note says so.
/// </para>
/// <para>Keys: the generated part draws from the claim's key in both budgets; the MNIST part uses today's fixed seeds.</para>
/// </summary>
public static class L1SufficiencyProbe
{
    /// <summary>How far below I(y; z) the probe bound may fall in the generated settings (nats).</summary>
    public const double MaxGap = 0.05;

    /// <summary>How many standard errors above I(y; z) the measured bound may lie (sampling error of the test mean and of I).</summary>
    public const double StandardErrors = 4;

    /// <summary>The generated settings of the full budget.</summary>
    public static IReadOnlyList<GaussianClassesCase> FullCases { get; } =
        [new(3, 2, 1.0), new(4, 8, 0.25), new(4, 8, 0.5), new(4, 8, 1.0), new(2, 4, 0.5)];

    /// <summary>The generated settings of the quick budget.</summary>
    public static IReadOnlyList<GaussianClassesCase> QuickCases { get; } = [new(3, 2, 1.0), new(4, 8, 0.5)];

    /// <summary>The claim, its method, and its experiment.</summary>
    public static Claim Claim { get; } = new("L1-sufficiency-probe", 1,
        "A representation's information about y is bounded below by a probe: I(y;z) >= H(y) - CE(probe)",
        """
        Judged on generated data with a known I(y; z): Gaussian class-conditionals with a shared covariance (2-4 classes, 2-8 dims), I(y; z) =
        E[log p(z|y) - log p(z)] by Monte Carlo with the exact mixture density (10^6 samples; 10^5 in quick), with its standard error. A linear
        softmax probe fitted on fresh samples gives H(y) - CE on fresh test samples, which must be <= I + 4 SE (the bound holds in expectation;
        SE combines the test mean's and the Monte Carlo error) and >= I - 0.05 nats (a shared covariance makes log p(y|z) affine, so the linear
        probe is the Bayes-optimal family; only estimation error and noise remain). Reported on MNIST-10k (full budget, when the folder is given,
        fixed seed): the bound for the 64-d contrastive representation and for the raw pixels beside H(y), each in [1e-9, H(y)].
        """,
        ClaimKind.Statistical,
        Experiment);

    private static ClaimResult Experiment(ClaimContext cx)
    {
        var cases = cx.Pick(QuickCases, FullCases);
        var (samples, train, test) = cx.Pick((100_000, 4_000, 10_000), (1_000_000, 20_000, 50_000));
        var measurements = new List<Measurement>();
        var points = new List<(double I, double Bound)>();
        for (var i = 0; i < cases.Count; i++)
        {
            var g = Gaussian(cases[i], cx.Key.FoldIn(i), samples, train, test);
            measurements.AddRange(g.Measurements);
            points.Add((g.Information, g.Bound));
        }
        var top = points.Max(p => Math.Max(p.I, p.Bound));
        var figure = new FigureData("l1-probe-bound-vs-mi",
            "Probe bound H(y) - CE against the exact I(y; z), Gaussian classes with a shared covariance",
            "I(y; z) (nats, Monte Carlo)", "H(y) - CE(linear probe) (nats)",
            [
                new Series("probe bound, one per setting", [.. points.Select(p => p.I)], [.. points.Select(p => p.Bound)], SeriesKind.Scatter),
                new Series("I(y; z) (the bound is below this line)", [0, top], [0, top]),
            ]);
        string? note = null;
        if (cx.MnistFolder is null)
            note = "MNIST-10k not given: the probe bound is checked on generated Gaussian classes only (no MNIST figures)";
        else if (cx.Budget == Budget.Quick)
            note = "quick budget: the MNIST-10k probe figures are computed in the full budget only";
        else
            measurements.AddRange(Mnist(cx.MnistFolder));
        return new ClaimResult(measurements, [figure], note);
    }

    /// <summary>What one generated setting gave: I(y; z) by Monte Carlo, the probe bound, and the judged measurements.</summary>
    public sealed record GaussianOutcome(double Information, double InformationError, double Bound, double BoundError, IReadOnlyList<Measurement> Measurements);

    /// <summary>
    /// One generated setting: I(y; z) from <paramref name="samples"/> Monte Carlo draws, the probe fitted on <paramref name="train"/>
    /// and its cross-entropy on <paramref name="test"/> fresh draws; the bound must lie in [I - <see cref="MaxGap"/>, I + 4 SE].
    /// </summary>
    public static GaussianOutcome Gaussian(GaussianClassesCase c, Key key, int samples, int train, int test)
    {
        var keys = key.Split(6);
        var means = Sample.Normal(keys[0], c.Classes, c.Dim).ToArray().Select(v => c.Separation * v).ToArray();
        var q = Sample.Normal(keys[1], c.Dim, c.Dim).ToMatrix().QR().Q;
        var scales = Sample.Uniform(keys[2], 1, c.Dim).ToArray().Select(u => Math.Exp(2 * u - 1)).ToArray();
        var mixing = Tensor.FromMatrix(q * Matrix<double>.Build.DiagonalOfDiagonalArray(scales));

        // I(y; z) = E[log p(u | y) - log p(u)] for u = mu_y + eps (z = A u, and the Jacobian of A cancels in the ratio).
        var (mcLabelKey, mcNoiseKey) = keys[3].Split();
        var mcLabels = Sample.Integers(mcLabelKey, samples, c.Classes);
        var eps = Sample.Normal(mcNoiseKey, samples, c.Dim).Span;
        var logRatio = new double[samples];
        var logits = new double[c.Classes];
        var u = new double[c.Dim];
        var logPrior = -Math.Log(c.Classes);
        for (var i = 0; i < samples; i++)
        {
            var y = mcLabels[i];
            for (var j = 0; j < c.Dim; j++) u[j] = means[y * c.Dim + j] + eps[i * c.Dim + j];
            var max = double.NegativeInfinity;
            for (var k = 0; k < c.Classes; k++)
            {
                double sq = 0;
                for (var j = 0; j < c.Dim; j++)
                {
                    var diff = u[j] - means[k * c.Dim + j];
                    sq += diff * diff;
                }
                logits[k] = -0.5 * sq; // log N(u; mu_k, I) up to the normaliser shared by every k
                max = Math.Max(max, logits[k]);
            }
            double sum = 0;
            for (var k = 0; k < c.Classes; k++) sum += Math.Exp(logits[k] - max);
            logRatio[i] = logits[y] - (logPrior + max + Math.Log(sum)); // log p(u | y) - log sum_k pi_k p(u | k)
        }
        var (information, informationError) = MeanAndError(logRatio);

        var (trainLabels, trainU) = Draw(c, means, keys[4], train);
        var (testLabels, testU) = Draw(c, means, keys[5], test);
        var probe = CoreProbe.Fit(Mix(trainU, mixing), trainLabels, c.Classes);
        var crossEntropy = CoreProbe.CrossEntropy(probe.Logits(Mix(testU, mixing)), testLabels).ToArray();
        var (ce, ceError) = MeanAndError(crossEntropy);
        var bound = Math.Log(c.Classes) - ce;
        var error = Math.Sqrt(informationError * informationError + ceError * ceError);
        return new GaussianOutcome(information, informationError, bound, ceError,
        [
            Measure.Reported($"Gaussian classes {c}: I(y; z) by Monte Carlo ({samples} draws; standard error {Format.Number(informationError)}) (nats)", information),
            Measure.Reported($"Gaussian classes {c}: probe bound H(y) - CE ({train} training, {test} test draws; standard error {Format.Number(ceError)}) (nats)", bound),
            Measure.AtMost($"Gaussian classes {c}: (bound - I) / SE, SE = {Format.Number(error)}", (bound - information) / error, StandardErrors),
            Measure.AtLeast($"Gaussian classes {c}: bound - I (nats)", bound - information, -MaxGap),
        ]);
    }

    private static (int[] Labels, Tensor U) Draw(GaussianClassesCase c, double[] means, Key key, int n)
    {
        var (labelKey, noiseKey) = key.Split();
        var labels = Sample.Integers(labelKey, n, c.Classes);
        var noise = Sample.Normal(noiseKey, n, c.Dim);
        return (labels, Tensor.Create(n, c.Dim, (i, j) => means[labels[i] * c.Dim + j] + noise[i, j]));
    }

    private static Tensor Mix(Tensor u, Tensor mixing) => Ops.MatMul(u, mixing, transposeB: true);

    private static (double Mean, double StandardError) MeanAndError(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, Math.Sqrt(variance / values.Length));
    }

    /// <summary>
    /// The MNIST-10k figures (fixed seed): H(y) of the test labels and the probe bound for the contrastive representation and for
    /// the raw pixels, each required in [1e-9, H(y)].
    /// </summary>
    public static IReadOnlyList<Measurement> Mnist(string folder)
    {
        var r = MnistRepresentations.Get(folder);
        var entropy = -r.TestLabels.GroupBy(y => y).Select(g => (double)g.Count() / r.TestLabels.Length).Sum(p => p * Math.Log(p));
        var (_, ceContrastive) = Evaluation.LinearProbe(r.ContrastiveTrain, r.TrainLabels, r.ContrastiveTest, r.TestLabels);
        var pixelsTrain = Datasets.LoadMnistFolder(folder);
        var (_, cePixels) = Evaluation.LinearProbe(pixelsTrain.Train, r.TrainLabels, pixelsTrain.Test!, r.TestLabels);
        var boundContrastive = entropy - ceContrastive;
        var boundPixels = entropy - cePixels;
        Measurement InRange(string name, double value) =>
            new(name, value, $"in [1e-9, H(y) = {Format.Number(entropy)}]", value >= 1e-9 && value <= entropy);
        return
        [
            Measure.Reported("MNIST-10k: H(y) of the 2,000 test digits (nats)", entropy),
            InRange("MNIST-10k: I(y; z) >= H(y) - CE, 64-d contrastive representation (nats)", boundContrastive),
            InRange("MNIST-10k: I(y; x) >= H(y) - CE, raw pixels (nats)", boundPixels),
        ];
    }
}
