using System.Globalization;
using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary>
/// Bad input to the facade's losses throws <see cref="ArgumentException"/> (or a subclass: ArgumentNullException,
/// ArgumentOutOfRangeException) whose ParamName is the offending parameter and whose Message shows the
/// offending value or index; plus the NUMERICS.md guarantees at the edges of the valid range.
/// </summary>
public sealed class LossValidationTests
{
    /// <summary>A bad call, the parameter it must name, and fragments its message must contain.</summary>
    public sealed record BadCall(Action Call, string Param, params string[] MessageContains);

    private static readonly double[] Three = [0.5, -1.0, 0.25];
    private static readonly double[] ThreeB = [0.1, -0.3, 0.0];
    private static readonly double[] Probs = [0.0, 1.0, 0.5];

    private static double[][] M(int rows, int cols, double scale = 1) =>
        Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, cols).Select(c => scale * Math.Sin(1 + 3 * r + c)).ToArray()).ToArray();

    private static double[][][] Negs(int n, int k, int d) => Enumerable.Range(0, n).Select(i => M(k, d, i + 2)).ToArray();

    private static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static double[] With(double[] a, int i, double v)
    {
        var b = (double[])a.Clone();
        b[i] = v;
        return b;
    }

    private static double[][] With(double[][] a, int r, int c, double v)
    {
        var b = a.Select(row => (double[])row.Clone()).ToArray();
        b[r][c] = v;
        return b;
    }

    private static readonly double[] NonFinite = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>The vector losses, as (name, argument names, call with arguments in order).</summary>
    private static readonly (string Name, string[] Args, Action<double[]?[]> Call)[] VectorLosses =
    [
        ("GaussianKl", ["mu", "logVar"], a => Losses.GaussianKl(a[0]!, a[1]!)),
        ("GaussianKl4", ["mu1", "logVar1", "mu2", "logVar2"], a => Losses.GaussianKl(a[0]!, a[1]!, a[2]!, a[3]!)),
        ("BernoulliNll", ["logits", "targets"], a => Losses.BernoulliNll(a[0]!, a[1]!)),
        ("GaussianNll", ["x", "mu", "logVar"], a => Losses.GaussianNll(a[0]!, a[1]!, a[2]!)),
        ("CosineSimilarity", ["u", "v"], a => Losses.CosineSimilarity(a[0]!, a[1]!)),
    ];

    private static Dictionary<string, BadCall> BuildCases()
    {
        var cases = new Dictionary<string, BadCall>();

        // --- vector losses: null, empty, length mismatch, NaN / +-Inf in each argument
        foreach (var (name, args, call) in VectorLosses)
        {
            double[] Valid(int i) => name == "BernoulliNll" && i == 1 ? Probs : (i % 2 == 0 ? Three : ThreeB);
            for (var p = 0; p < args.Length; p++)
            {
                var pos = p;
                double[]?[] ArgsWith(double[]? replacement) =>
                    Enumerable.Range(0, args.Length).Select(i => i == pos ? replacement : Valid(i)).ToArray();

                cases[$"{name}: {args[p]} null"] = new(() => call(ArgsWith(null)), args[p], "null");
                cases[$"{name}: {args[p]} empty"] = new(() => call(ArgsWith([])), args[p], args[p], "empty");
                if (p > 0)
                    cases[$"{name}: {args[p]} length 2 vs 3"] = new(() => call(ArgsWith([0.5, 0.5])), args[p], args[p], "2", "3");
                foreach (var bad in NonFinite)
                    cases[$"{name}: {args[p]}[1] = {Show(bad)}"] =
                        new(() => call(ArgsWith(With(Valid(pos), 1, bad))), args[p], $"{args[p]}[1]", Show(bad));
            }
        }
        // the first argument longer than the rest: the mismatch names the parameter that disagrees with it
        cases["GaussianKl: mu length 4 vs logVar 3"] = new(() => Losses.GaussianKl([1, 2, 3, 4], ThreeB), "logVar", "4", "3");
        cases["BernoulliNll: targets -0.1"] = new(() => Losses.BernoulliNll(Three, [0.5, 1.0, -0.1]), "targets", "targets[2]", "-0.1");
        cases["BernoulliNll: targets 1.1"] = new(() => Losses.BernoulliNll(Three, [1.1, 0.5, 0.0]), "targets", "targets[0]", "1.1");
        cases["BernoulliNll: targets -1e-300"] = new(() => Losses.BernoulliNll(Three, [0.5, -1e-300, 0.0]), "targets", "targets[1]", "-1E-300");

        // --- InfoNce: anchors N x d, positives N x d, negatives N x K x d
        var a = M(2, 3);
        var p2 = M(2, 3, 2);
        var n = Negs(2, 2, 3);
        cases["InfoNce: anchors null"] = new(() => Losses.InfoNce(null!, p2, n, 0.1), "anchors", "null");
        cases["InfoNce: positives null"] = new(() => Losses.InfoNce(a, null!, n, 0.1), "positives", "null");
        cases["InfoNce: negatives null"] = new(() => Losses.InfoNce(a, p2, null!, 0.1), "negatives", "null");
        cases["InfoNce: anchors empty"] = new(() => Losses.InfoNce([], p2, n, 0.1), "anchors", "anchors", "no rows");
        cases["InfoNce: positives empty"] = new(() => Losses.InfoNce(a, [], n, 0.1), "positives", "positives", "no rows");
        cases["InfoNce: negatives empty"] = new(() => Losses.InfoNce(a, p2, [], 0.1), "negatives", "0", "2");
        cases["InfoNce: anchors rows of width 0"] = new(() => Losses.InfoNce([[], []], p2, n, 0.1), "anchors", "width 0");
        cases["InfoNce: anchors row null"] = new(() => Losses.InfoNce([a[0], null!], p2, n, 0.1), "anchors", "anchors[1]", "null");
        cases["InfoNce: anchors ragged"] = new(() => Losses.InfoNce([a[0], [1.0, 2.0]], p2, n, 0.1), "anchors", "anchors[1]", "2", "3");
        cases["InfoNce: positives ragged"] = new(() => Losses.InfoNce(a, [p2[0], [1.0, 2.0, 3.0, 4.0]], n, 0.1), "positives", "positives[1]", "4", "3");
        cases["InfoNce: positives width 2 vs anchors 3"] = new(() => Losses.InfoNce(a, M(2, 2), n, 0.1), "positives", "positives[0]", "2", "3");
        cases["InfoNce: positives 3 rows vs 2 anchors"] = new(() => Losses.InfoNce(a, M(3, 3), n, 0.1), "positives", "3", "2");
        cases["InfoNce: negatives for 3 anchors vs 2"] = new(() => Losses.InfoNce(a, p2, Negs(3, 2, 3), 0.1), "negatives", "3", "2");
        cases["InfoNce: negatives K differs per anchor"] = new(() => Losses.InfoNce(a, p2, [M(2, 3), M(1, 3)], 0.1), "negatives", "negatives[1]", "1", "2");
        cases["InfoNce: negatives K=0"] = new(() => Losses.InfoNce(a, p2, [[], []], 0.1), "negatives", "negatives[0]", "empty");
        cases["InfoNce: negatives[1] null"] = new(() => Losses.InfoNce(a, p2, [M(2, 3), null!], 0.1), "negatives", "negatives[1]");
        cases["InfoNce: negative vector ragged"] = new(() => Losses.InfoNce(a, p2, [M(2, 3), [[1.0, 2.0, 3.0], [1.0, 2.0]]], 0.1), "negatives", "negatives[1][1]", "2", "3");
        foreach (var bad in NonFinite)
        {
            cases[$"InfoNce: anchors[1][2] = {Show(bad)}"] = new(() => Losses.InfoNce(With(a, 1, 2, bad), p2, n, 0.1), "anchors", "anchors[1][2]", Show(bad));
            cases[$"InfoNce: positives[0][1] = {Show(bad)}"] = new(() => Losses.InfoNce(a, With(p2, 0, 1, bad), n, 0.1), "positives", "positives[0][1]", Show(bad));
            cases[$"InfoNce: negatives[1][0][2] = {Show(bad)}"] = new(() => Losses.InfoNce(a, p2, [n[0], With(n[1], 0, 2, bad)], 0.1), "negatives", "negatives[1][0][2]", Show(bad));
        }

        // --- NtXent: viewA, viewB N x d
        var va = M(3, 4);
        var vb = M(3, 4, -0.5);
        cases["NtXent: viewA null"] = new(() => Losses.NtXent(null!, vb, 0.1), "viewA", "null");
        cases["NtXent: viewB null"] = new(() => Losses.NtXent(va, null!, 0.1), "viewB", "null");
        cases["NtXent: viewA empty"] = new(() => Losses.NtXent([], vb, 0.1), "viewA", "viewA", "no rows");
        cases["NtXent: viewB empty"] = new(() => Losses.NtXent(va, [], 0.1), "viewB", "viewB", "no rows");
        cases["NtXent: viewA ragged"] = new(() => Losses.NtXent([va[0], va[1], [1.0]], vb, 0.1), "viewA", "viewA[2]", "1", "4");
        cases["NtXent: viewB ragged"] = new(() => Losses.NtXent(va, [vb[0], [1.0, 2.0, 3.0, 4.0, 5.0], vb[2]], 0.1), "viewB", "viewB[1]", "5", "4");
        cases["NtXent: viewB width 3 vs viewA 4"] = new(() => Losses.NtXent(va, M(3, 3), 0.1), "viewB", "viewB[0]", "3", "4");
        cases["NtXent: viewB 2 rows vs viewA 3"] = new(() => Losses.NtXent(va, M(2, 4), 0.1), "viewB", "2", "3");
        foreach (var bad in NonFinite)
        {
            cases[$"NtXent: viewA[2][3] = {Show(bad)}"] = new(() => Losses.NtXent(With(va, 2, 3, bad), vb, 0.1), "viewA", "viewA[2][3]", Show(bad));
            cases[$"NtXent: viewB[0][0] = {Show(bad)}"] = new(() => Losses.NtXent(va, With(vb, 0, 0, bad), 0.1), "viewB", "viewB[0][0]", Show(bad));
        }

        // --- temperature <= 0 or not finite
        foreach (var tau in new[] { 0.0, -0.0, -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            cases[$"InfoNce: temperature {Show(tau)}"] = new(() => Losses.InfoNce(a, p2, n, tau), "temperature", Show(tau));
            cases[$"NtXent: temperature {Show(tau)}"] = new(() => Losses.NtXent(va, vb, tau), "temperature", Show(tau));
        }
        return cases;
    }

    private static readonly Dictionary<string, BadCall> Cases = BuildCases();

    public static TheoryData<string> BadInputs => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_throws_ArgumentException_naming_the_parameter_and_value(string name)
    {
        var bad = Cases[name];
        var ex = Assert.ThrowsAny<ArgumentException>(bad.Call);
        Assert.Equal(bad.Param, ParameterOf(ex.ParamName));
        foreach (var fragment in bad.MessageContains)
            Assert.Contains(fragment, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The parameter a ParamName refers to. For an error inside one anchor's negatives the facade reports
    /// the indexed name (e.g. "negatives[1]", with the full index "negatives[1][0][2]" in the message);
    /// the parameter is its root, "negatives".
    /// </summary>
    private static string? ParameterOf(string? paramName) =>
        paramName is null ? null : paramName.IndexOf('[') is var i and >= 0 ? paramName[..i] : paramName;

    [Fact]
    public void Every_argument_of_every_loss_is_covered()
    {
        string[] expected =
        [
            .. VectorLosses.SelectMany(l => l.Args),
            "anchors", "positives", "negatives", "viewA", "viewB", "temperature",
        ];
        var covered = Cases.Values.Select(c => c.Param).ToHashSet();
        Assert.All(expected, arg => Assert.Contains(arg, covered));
    }

    // ------------------------------------------------------------------ valid edge cases

    [Fact]
    public void Cosine_similarity_with_a_zero_vector_is_zero()
    {
        Assert.Equal(0.0, Losses.CosineSimilarity([0.0, 0.0, 0.0], [1.0, -2.0, 3.0]));
        Assert.Equal(0.0, Losses.CosineSimilarity([1.0, -2.0, 3.0], [0.0, 0.0, 0.0]));
        Assert.Equal(0.0, Losses.CosineSimilarity([0.0, 0.0], [0.0, 0.0]));
    }

    [Fact]
    public void Cosine_similarity_stays_in_minus_one_one()
    {
        double[] u = [0.1, 0.2, 0.3];
        Assert.Equal(1.0, Losses.CosineSimilarity(u, [0.2, 0.4, 0.6]), 15);
        Assert.InRange(Losses.CosineSimilarity(u, [0.30000000000000004, 0.6000000000000001, 0.9]), -1.0, 1.0);
        Assert.InRange(Losses.CosineSimilarity(u, [-0.1, -0.2, -0.3]), -1.0, -1.0 + 1e-15);
    }

    [Fact]
    public void Gaussian_KL_is_exactly_zero_at_the_prior_and_for_identical_Gaussians()
    {
        Assert.Equal(0.0, Losses.GaussianKl([0.0, 0.0, 0.0], [0.0, 0.0, 0.0]));
        Assert.Equal(0.0, Losses.GaussianKl([0.3, -1.5], [0.7, -2.0], [0.3, -1.5], [0.7, -2.0]));
        Assert.Equal(0.0, Losses.GaussianKl([0.0], [0.0], [0.0], [0.0]));
    }

    public static TheoryData<double, double> ExtremeKlInputs => new()
    {
        { 0.0, 700 }, { 0.0, -700 }, { 1e150, 700 }, { -1e150, -700 }, { 1e150, 0 },
        { 0.0, 710 }, { 0.0, -710 }, { 0.0, 1e10 }, { 0.0, -1e10 }, { 0.0, double.MaxValue }, { 0.0, double.MinValue },
        { 1e-8, 1e-8 }, { 1e-300, -1e-300 },
    };

    [Theory]
    [MemberData(nameof(ExtremeKlInputs))]
    public void Gaussian_KL_is_finite_and_nonnegative_at_extreme_log_variances(double mu, double logVar)
    {
        var kl = Losses.GaussianKl([mu, 0.5], [logVar, 0.0]);
        Assert.True(double.IsFinite(kl) && kl >= 0, $"KL = {Show(kl)}");
        // Two Gaussians: the log-variance on either side (a mean gap of 0.5; with a gap of 1e150 and a variance of
        // e^-700 the true KL, ~1e604, is beyond double and the result is +inf).
        var klq = Losses.GaussianKl([0.5], [0.0], [0.0], [logVar]);
        Assert.True(double.IsFinite(klq) && klq >= 0, $"KL against N(0, e^logVar) = {Show(klq)}");
        var klp = Losses.GaussianKl([mu], [logVar], [0.5], [0.0]);
        Assert.True(double.IsFinite(klp) && klp >= 0, $"KL of N(mu, e^logVar) = {Show(klp)}");
        var nll = Losses.GaussianNll([mu + 1], [mu], [logVar]);
        Assert.True(double.IsFinite(nll), $"NLL = {Show(nll)}");
    }

    [Fact]
    public void Gaussian_KL_at_logVar_700_exceeds_that_at_699()
    {
        // the clamp keeps it finite but KL is still increasing up to the clamp bound
        Assert.True(Losses.GaussianKl([0.0], [700.0]) > Losses.GaussianKl([0.0], [699.0]));
        Assert.True(Losses.GaussianKl([0.0], [-700.0]) > Losses.GaussianKl([0.0], [-699.0]));
    }

    public static TheoryData<double, double> ExtremeLogits => new()
    {
        { 1e308, 0 }, { 1e308, 1 }, { 1e308, 0.5 }, { 1e308, 0.3 },
        { -1e308, 0 }, { -1e308, 1 }, { -1e308, 0.5 }, { -1e308, 0.3 },
        { double.MaxValue, 0.5 }, { -double.MaxValue, 0.5 }, { 1e4, 1 }, { -1e4, 0 },
    };

    [Theory]
    [MemberData(nameof(ExtremeLogits))]
    public void Bernoulli_NLL_is_finite_and_nonnegative_at_extreme_logits(double logit, double target)
    {
        var nll = Losses.BernoulliNll([logit], [target]);
        Assert.True(double.IsFinite(nll) && nll >= 0, $"NLL = {Show(nll)}");
        var expected = logit > 0 ? (1 - target) * logit : -target * logit; // exact up to e^-|logit| = 0
        Assert.Equal(expected, nll);
    }

    public static TheoryData<double> Temperatures => new() { 1e-4, 1e-6, 0.07, 1, 10, 1e6 };

    [Theory]
    [MemberData(nameof(Temperatures))]
    public void InfoNce_and_NtXent_are_finite_and_nonnegative_at_small_and_large_temperatures(double tau)
    {
        var a = M(3, 4);
        double[][][] identicalNegatives = [[a[0], a[0]], [a[1], a[1]], [a[2], a[2]]];
        double[] values =
        [
            Losses.InfoNce(a, M(3, 4, -2), Negs(3, 2, 4), tau),
            Losses.InfoNce(a, a, Negs(3, 2, 4), tau),                        // positive = anchor
            Losses.InfoNce(a, M(3, 4, 0.5), identicalNegatives, tau),        // a negative = the anchor
            Losses.InfoNce(a, a, identicalNegatives, tau),                   // all similarities 1: log(K + 1)
            Losses.NtXent(M(3, 4), M(3, 4, -2), tau),
            Losses.NtXent(a, a, tau),                                        // identical views
            Losses.NtXent([[1.0, 0.0], [1.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]], tau), // everything identical: log(2N - 1)
        ];
        Assert.All(values, v => Assert.True(double.IsFinite(v) && v >= 0, $"loss = {Show(v)} at tau = {Show(tau)}"));
        // All similarities equal 1 up to rounding in the normalisation (~1e-16), amplified by 1 / tau.
        var slack = 1e-14 + 4e-16 / tau;
        Assert.True(Math.Abs(values[3] - Math.Log(3)) <= slack, $"InfoNCE with all similarities 1: {Show(values[3])}");
        Assert.True(Math.Abs(values[6] - Math.Log(3)) <= slack, $"NT-Xent with all views identical: {Show(values[6])}");
    }

    [Fact]
    public void InfoNce_and_NtXent_with_a_zero_vector_are_finite()
    {
        var a = M(2, 3);
        Assert.True(double.IsFinite(Losses.InfoNce([[0.0, 0.0, 0.0], a[1]], a, Negs(2, 2, 3), 0.1)));
        Assert.True(double.IsFinite(Losses.NtXent([[0.0, 0.0, 0.0], a[1]], a, 1e-4)));
    }
}
