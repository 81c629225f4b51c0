using FsCheck.Xunit;
using RepLearn.Functional.Evaluation;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Information;

/// <summary>
/// Laws of <see cref="LinearProbe.Fit"/> on generated classification data (n 20..120 rows of d 1..6 features, K 2..4
/// classes, class means N(0, 1) apart plus N(0, 1) noise, drawn from the generated seed). The probe standardises its
/// features and minimises a convex objective whose penalty ||W||^2 treats every feature alike, so (1) permuting the
/// feature columns and (2) an affine map a_j x_j + b_j of each column (a_j of either sign, |a_j| in [0.1, 10]) leave the
/// optimum's predictions and cross-entropy unchanged; the fits stop at max |gradient| &lt;= 1e-5 from different
/// rounding, so the training cross-entropies agree within 1e-6 (the objective is flat at its optimum: the distance to it
/// enters squared) and at least 99% of the predictions agree (a row on the decision boundary may flip). (3) A weaker
/// penalty (C = 10 instead of 1) never fits the training rows worse. 25 cases each.
/// </summary>
public sealed class LinearProbeProperties
{
    private const double Tolerance = 1e-6;

    private static (Tensor X, int[] Y, int Classes) Case(int seed)
    {
        var key = Key.FromSeed(seed);
        var u = Sample.Uniform(key.FoldIn(0), 1, 3);
        var (n, d, k) = (20 + (int)(u[0, 0] * 101), 1 + (int)(u[0, 1] * 6), 2 + (int)(u[0, 2] * 3));
        var labels = Sample.Integers(key.FoldIn(1), n, k);
        var means = Sample.Normal(key.FoldIn(2), k, d);
        var noise = Sample.Normal(key.FoldIn(3), n, d);
        return (Tensor.Create(n, d, (i, j) => means[labels[i], j] + noise[i, j]), labels, k);
    }

    private static void AssertSameFit(Tensor x, Tensor mapped, int[] y, int classes)
    {
        var (a, b) = (LinearProbe.Fit(x, y, classes), LinearProbe.Fit(mapped, y, classes));
        Assert.True(a.Converged && b.Converged, $"converged: {a.Converged}, {b.Converged}");
        var (ceA, ceB) = (a.CrossEntropy(x, y), b.CrossEntropy(mapped, y));
        Assert.True(Math.Abs(ceA - ceB) <= Tolerance, $"training cross-entropy {ceA} became {ceB}");
        var agree = a.Predict(x).Zip(b.Predict(mapped)).Count(p => p.First == p.Second);
        Assert.True(agree >= 0.99 * y.Length, $"{agree} of {y.Length} predictions agree");
    }

    [Property(MaxTest = 25, Replay = Seeds.Replay)]
    public void Permuting_the_features_changes_nothing(int seed)
    {
        var (x, y, classes) = Case(seed);
        var order = Enumerable.Range(0, x.Cols).Reverse().ToArray();
        AssertSameFit(x, Tensor.Create(x.Rows, x.Cols, (i, j) => x[i, order[j]]), y, classes);
    }

    [Property(MaxTest = 25, Replay = Seeds.Replay)]
    public void An_affine_map_of_each_feature_changes_nothing(int seed)
    {
        var (x, y, classes) = Case(seed);
        var u = Sample.Uniform(Key.FromSeed(seed).FoldIn(9), 3, x.Cols);
        // a_j = +-10^(2 u - 1), so |a_j| in [0.1, 10]; b_j in [-5, 5].
        var scale = Enumerable.Range(0, x.Cols).Select(j => (u[0, j] < 0.5 ? -1 : 1) * Math.Pow(10, 2 * u[1, j] - 1)).ToArray();
        AssertSameFit(x, Tensor.Create(x.Rows, x.Cols, (i, j) => scale[j] * x[i, j] + 10 * u[2, j] - 5), y, classes);
    }

    [Property(MaxTest = 25, Replay = Seeds.Replay)]
    public void A_weaker_penalty_never_fits_the_training_rows_worse(int seed)
    {
        var (x, y, classes) = Case(seed);
        var (strong, weak) = (LinearProbe.Fit(x, y, classes), LinearProbe.Fit(x, y, classes, inverseRegularization: 10));
        Assert.True(weak.CrossEntropy(x, y) <= strong.CrossEntropy(x, y) + Tolerance, $"C = 10: {weak.CrossEntropy(x, y)}, C = 1: {strong.CrossEntropy(x, y)}");
    }
}
