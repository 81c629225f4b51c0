using RepLearn.Functional.Evaluation;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Information;

// The facade's RepLearn.DType would hide the core's inside RepLearn.* namespaces.
using DType = RepLearn.Functional.Tensors.DType;

/// <summary>
/// The linear probe is scikit-learn's <c>LogisticRegression(C=1)</c> on <c>StandardScaler</c>ed features: the same
/// weights and probabilities as scikit-learn 1.2.1 fitted to convergence (tol 1e-12) on a fixed 40 x 3, three-class
/// set (the script in the test's comment), and deterministic.
/// </summary>
public sealed class LinearProbeTests
{
    // x_ij = sin(1.3 i + 0.7 j) + [i mod 3 = j], y_i = i mod 3, i < 40. scikit-learn:
    //   s = StandardScaler().fit(X); m = LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit(s.transform(X), y)
    private static readonly double[][] X = Enumerable.Range(0, 40)
        .Select(i => Enumerable.Range(0, 3).Select(j => Math.Sin(1.3 * i + 0.7 * j) + (i % 3 == j ? 1.0 : 0.0)).ToArray()).ToArray();
    private static readonly int[] Y = Enumerable.Range(0, 40).Select(i => i % 3).ToArray();

    private static readonly double[,] SklearnCoefficients =
    {
        { 1.264595173484174, -0.7994329282099234, -0.18000457968649994 },
        { -1.042652184639129, 1.6162265520043035, -1.0432434662923882 },
        { -0.22194298884504532, -0.8167936237943796, 1.2232480459788881 },
    };
    private static readonly double[] SklearnIntercepts = [0.10989364305751412, -0.13643613501866692, 0.02654249196115309];

    // m.predict_proba(s.transform([[0.5, -0.25, 1.0], [2.0, 0.0, -1.0]])) and log_loss(y, m.predict_proba(s.transform(X))).
    private static readonly double[][] SklearnProbabilities =
    [
        [0.31735706378647116, 0.01561310185858207, 0.6670298343549468],
        [0.9817219187311096, 0.0128483438328066, 0.00542973743608393],
    ];
    private const double SklearnTrainingLogLoss = 0.3094557705377145;

    // The probe stops at max |grad J| <= 1e-5 (scikit-learn's default stops at 1e-4), J is (1 / (n C))-strongly convex
    // (0.025 here), so its weights are within about 1e-5 / 0.025 = 4e-4 of the optimum; the probabilities and the loss,
    // flat at the optimum, much closer.
    [Fact]
    public void Fits_scikit_learns_weights_intercepts_and_probabilities()
    {
        var probe = LinearProbe.Fit(Tensor.FromRows(X), Y, 3);
        Assert.True(probe.Converged);
        for (var c = 0; c < 3; c++)
        {
            for (var j = 0; j < 3; j++) Assert.Equal(SklearnCoefficients[c, j], probe.Classifier.Weight[c, j], 4e-4);
            Assert.Equal(SklearnIntercepts[c], probe.Classifier.Bias[0, c], 4e-4);
        }
        var logits = probe.Logits(Tensor.FromRows([[0.5, -0.25, 1.0], [2.0, 0.0, -1.0]]));
        for (var r = 0; r < 2; r++)
        {
            var row = logits.Row(r).ToArray();
            var total = row.Sum(v => Math.Exp(v));
            for (var c = 0; c < 3; c++) Assert.Equal(SklearnProbabilities[r][c], Math.Exp(row[c]) / total, 1e-4);
        }
        Assert.Equal(SklearnTrainingLogLoss, probe.CrossEntropy(Tensor.FromRows(X), Y), 1e-6);
    }

    [Fact]
    public void Is_deterministic_and_a_weaker_penalty_fits_the_training_rows_closer()
    {
        var x = Tensor.FromRows(X);
        var first = LinearProbe.Fit(x, Y, 3);
        Assert.Equal(first.Classifier.Weight.ToArray(), LinearProbe.Fit(x, Y, 3).Classifier.Weight.ToArray());
        var loose = LinearProbe.Fit(x, Y, 3, inverseRegularization: 100);
        Assert.True(loose.CrossEntropy(x, Y) < first.CrossEntropy(x, Y));
        Assert.Equal("inverseRegularization", Assert.Throws<ArgumentOutOfRangeException>(() => LinearProbe.Fit(x, Y, 3, inverseRegularization: 0)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => LinearProbe.Fit(x, Y, 3, maxIterations: 0)).ParamName);
        var empty = Assert.Throws<ArgumentException>(() => LinearProbe.Fit(Tensor.Zeros(0, 3), [], 3));
        Assert.Equal("features", empty.ParamName);
        Assert.Contains("at least one row", empty.Message);
    }

    [Fact]
    public void Reports_a_fit_cut_short_by_its_iteration_limit()
    {
        var probe = LinearProbe.Fit(Tensor.FromRows(X), Y, 3, maxIterations: 2);
        Assert.False(probe.Converged);
        Assert.Equal(2, probe.Iterations);
    }

    [Fact]
    public void A_float32_input_is_fitted_and_scored_as_the_float64_probe_of_the_same_values()
    {
        var rounded = X.Select(r => r.Select(v => (double)(float)v).ToArray()).ToArray();
        var wide = LinearProbe.Fit(Tensor.FromRows(rounded), Y, 3);
        var narrow = LinearProbe.Fit(Tensor.FromRows(rounded, DType.Float32), Y, 3);
        Assert.Equal(wide.Classifier.Weight.ToArray(), narrow.Classifier.Weight.ToArray());
        Assert.Equal(wide.Predict(Tensor.FromRows(rounded)), narrow.Predict(Tensor.FromRows(rounded, DType.Float32)));
        Assert.Equal(wide.CrossEntropy(Tensor.FromRows(rounded), Y), narrow.CrossEntropy(Tensor.FromRows(rounded, DType.Float32), Y));
    }
}
