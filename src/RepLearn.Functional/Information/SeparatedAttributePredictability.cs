namespace RepLearn.Functional.Information;

/// <summary>
/// The SAP score (Kumar et al. 2018, "Variational inference of disentangled latent concepts from unlabeled
/// observations", section 3), as in disentanglement_lib's <c>evaluation/metrics/sap_score.py</c>. A score matrix
/// S (code dimension j x factor k) says how well dimension j alone predicts factor k; per factor, the gap between the
/// two largest entries of its column is taken, and SAP = (1/K) sum_k (S_(1)k - S_(2)k). 1 means every factor is
/// predicted by one dimension and by no other; a factor spread over two dimensions scores near 0.
/// <list type="bullet">
/// <item><b>Continuous factors</b>: S_jk = Cov(z_j, v_k)^2 / (Var z_j Var v_k), the R^2 of the least-squares line of v_k on
/// z_j (0 for a constant dimension, Var below 1e-12), computed on the training rows only.</item>
/// <item><b>Discrete factors</b>: S_jk is the test accuracy of a 1-D classifier of v_k from z_j trained with
/// class-balanced weights (sap_score.py: a LinearSVC with class_weight="balanced", scored by plain accuracy). Here the
/// classifier cuts z_j into <c>bins</c> equal-width intervals over its training range and predicts, per interval, the
/// class of largest count / class frequency (a balanced majority vote); a test value outside the range falls into the
/// nearest end interval.</item>
/// </list>
/// The shapes factors (<see cref="Data.Shapes"/>) are indices of evenly spaced physical values (scale, angle,
/// position), so <see cref="Disentanglement.Evaluate"/> uses the continuous variant for them, as disentanglement_lib's own
/// test does for its identity data; only the shape factor is categorical, and its index is still a deterministic
/// function of the right code dimension.
/// </summary>
public static class SeparatedAttributePredictability
{
    /// <summary>
    /// SAP of training codes (n x d) against training factors (each n indices); the test pair is used only by the
    /// discrete variant (<paramref name="continuousFactors"/> false) to score its classifiers.
    /// </summary>
    [Pure]
    public static double Compute(Tensor trainCodes, IReadOnlyList<int[]> trainFactors, Tensor testCodes, IReadOnlyList<int[]> testFactors,
        bool continuousFactors = true, int bins = 20) =>
        AverageTopTwoGap(ScoreMatrix(trainCodes, trainFactors, testCodes, testFactors, continuousFactors, bins));

    /// <summary>The score matrix S (d x K, row j = code dimension, column k = factor) described on the class.</summary>
    [Pure]
    public static double[,] ScoreMatrix(Tensor trainCodes, IReadOnlyList<int[]> trainFactors, Tensor testCodes, IReadOnlyList<int[]> testFactors,
        bool continuousFactors = true, int bins = 20)
    {
        if (bins < 2) throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be >= 2");
        MetricInput.Check(trainCodes, trainFactors, nameof(trainCodes), nameof(trainFactors));
        if (!continuousFactors) MetricInput.CheckTest(trainCodes, trainFactors, testCodes, testFactors);
        var d = trainCodes.Cols;
        var k = trainFactors.Count;
        var scores = new double[d, k];
        for (var j = 0; j < d; j++)
        {
            var z = MetricInput.Column(trainCodes, j);
            var zTest = continuousFactors ? z : MetricInput.Column(testCodes, j);
            for (var f = 0; f < k; f++)
                scores[j, f] = continuousFactors
                    ? SquaredCorrelation(z, trainFactors[f])
                    : BalancedBinAccuracy(z, trainFactors[f], zTest, testFactors[f], bins);
        }
        return scores;
    }

    /// <summary>(1/K) sum_k (largest - second largest entry of column k); a single row gives the mean of that row.</summary>
    [Pure]
    public static double AverageTopTwoGap(double[,] scores)
    {
        var (d, k) = MetricInput.NonEmptyShape(scores, nameof(scores));
        return MetricInput.Mean(k, f =>
        {
            var column = Enumerable.Range(0, d).Select(j => scores[j, f]).OrderDescending().ToArray();
            return column[0] - (d > 1 ? column[1] : 0);
        });
    }

    private static double SquaredCorrelation(double[] z, int[] v)
    {
        var n = z.Length;
        var (zMean, vMean) = (z.Average(), v.Average());
        double szz = 0, svv = 0, szv = 0;
        for (var i = 0; i < n; i++)
        {
            var (a, b) = (z[i] - zMean, v[i] - vMean);
            szz += a * a;
            svv += b * b;
            szv += a * b;
        }
        if (szz / (n - 1) <= 1e-12 || svv <= 0) return 0;
        return Math.Min(1, szv * szv / (szz * svv));
    }

    private static double BalancedBinAccuracy(double[] z, int[] v, double[] zTest, int[] vTest, int bins)
    {
        var (lo, hi) = (z.Min(), z.Max());
        int Bin(double x) => hi > lo ? Math.Clamp((int)((x - lo) / (hi - lo) * bins), 0, bins - 1) : 0;
        var classCounts = new Dictionary<int, int>();
        foreach (var c in v) classCounts[c] = classCounts.GetValueOrDefault(c) + 1;
        var cell = new Dictionary<(int Bin, int Class), double>();
        for (var i = 0; i < z.Length; i++)
        {
            var key = (Bin(z[i]), v[i]);
            cell[key] = cell.GetValueOrDefault(key) + 1.0 / classCounts[v[i]];
        }
        // The balanced majority per bin (ties to the smaller class value); an empty bin predicts the balanced majority overall,
        // which is a tie of all classes, so the smallest class value.
        var fallback = classCounts.Keys.Min();
        var predict = new int[bins];
        for (var b = 0; b < bins; b++)
        {
            var best = (Class: fallback, Weight: double.NegativeInfinity);
            foreach (var c in classCounts.Keys.Order())
            {
                var w = cell.GetValueOrDefault((b, c));
                if (w > best.Weight) best = (c, w);
            }
            predict[b] = best.Class;
        }
        var correct = 0;
        for (var i = 0; i < zTest.Length; i++)
            if (predict[Bin(zTest[i])] == vTest[i]) correct++;
        return (double)correct / zTest.Length;
    }
}
