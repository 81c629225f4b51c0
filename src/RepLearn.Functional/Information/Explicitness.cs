namespace RepLearn.Functional.Information;

/// <summary>
/// Explicitness (Ridgeway and Mozer 2018, section 3), as in disentanglement_lib's
/// <c>evaluation/metrics/modularity_explicitness.py</c>: per factor, a multinomial logistic regression of the factor's
/// value on the codes (standardised with the training moments) is fitted on the training rows, and its test score is the
/// macro-averaged one-vs-rest ROC AUC, (1/|classes|) sum_c AUC(1[v = c], p(c | z)); explicitness is the mean over factors.
/// 1 means every factor value is linearly separable from the others; codes independent of the factors score about 0.5
/// (chance AUC), not 0.
/// <para>
/// The classifier matches scikit-learn's default LogisticRegression (softmax, L2 penalty with C = 1, i.e.
/// minimise (1/n) sum_i CE_i + ||W||^2 / (2n), no penalty on the biases), minimised by full-batch gradient descent from
/// zero with step 1 / (d/2 + 1/n) (an upper bound on the curvature for standardised codes) for <c>iterations</c> steps.
/// Starting from zero and stepping on all rows at once makes the fit equivariant to permuting the code dimensions.
/// AUC counts ties as one half (the Mann-Whitney statistic). Classes are the factor values seen in training; a class
/// without positives or without negatives among the test rows is left out of the average, and a factor with one value in
/// training is left out of the mean (0 if no factor remains).
/// </para>
/// </summary>
public static class Explicitness
{
    /// <summary>Explicitness of codes (n x d) against discrete factors: classifiers fitted on the training pair, AUC on the test pair.</summary>
    [Pure]
    public static double Compute(Tensor trainCodes, IReadOnlyList<int[]> trainFactors, Tensor testCodes, IReadOnlyList<int[]> testFactors, int iterations = 300)
    {
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "iterations must be >= 1");
        MetricInput.CheckTrainTest(trainCodes, trainFactors, testCodes, testFactors);
        var moments = MetricInput.Columns(trainCodes).Select(MetricInput.Moments).ToArray();
        var train = Standardised(trainCodes, moments);
        var test = Standardised(testCodes, moments);
        var scores = new List<double>();
        for (var f = 0; f < trainFactors.Count; f++)
        {
            var classes = trainFactors[f].Distinct().Order().ToArray();
            if (classes.Length < 2) continue;
            var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
            var labels = trainFactors[f].Select(v => index[v]).ToArray();
            var (w, b) = FitSoftmax(train, labels, classes.Length, iterations);
            var probabilities = Probabilities(test, w, b);
            var aucs = new List<double>();
            for (var c = 0; c < classes.Length; c++)
            {
                var positive = testFactors[f].Select(v => v == classes[c]).ToArray();
                var auc = RocAuc(probabilities.Select(p => p[c]).ToArray(), positive);
                if (!double.IsNaN(auc)) aucs.Add(auc);
            }
            if (aucs.Count > 0) scores.Add(aucs.Average());
        }
        return scores.Count == 0 ? 0 : scores.Average();
    }

    /// <summary>
    /// The ROC AUC of <paramref name="scores"/> for the binary labels <paramref name="positive"/>: the probability that a
    /// random positive scores above a random negative, ties counting one half; NaN when either class is empty.
    /// </summary>
    [Pure]
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count)
            throw new ArgumentException($"positive has {positive.Count} labels for {scores.Count} scores", nameof(positive));
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        // Mid-ranks (1-based) with ties averaged; AUC = (sum of positive ranks - P(P+1)/2) / (P N).
        double rankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var midRank = (start + end) / 2.0 + 1;
            for (var t = start; t <= end; t++)
                if (positive[order[t]]) { rankSum += midRank; positives++; }
            start = end + 1;
        }
        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    private static double[][] Standardised(Tensor codes, (double Mean, double Std)[] moments) =>
        Enumerable.Range(0, codes.Rows).Select(i => Enumerable.Range(0, codes.Cols).Select(j => (codes[i, j] - moments[j].Mean) / moments[j].Std).ToArray()).ToArray();

    private static (double[,] W, double[] B) FitSoftmax(double[][] x, int[] labels, int classes, int iterations)
    {
        var (n, d) = (x.Length, x[0].Length);
        var w = new double[d, classes];
        var b = new double[classes];
        var step = 1.0 / (d / 2.0 + 1.0 / n);
        var gw = new double[d, classes];
        var gb = new double[classes];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(gw);
            Array.Clear(gb);
            var p = Probabilities(x, w, b);
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < classes; c++)
                {
                    var g = (p[i][c] - (labels[i] == c ? 1 : 0)) / n;
                    gb[c] += g;
                    for (var j = 0; j < d; j++) gw[j, c] += g * x[i][j];
                }
            }
            for (var c = 0; c < classes; c++)
            {
                b[c] -= step * gb[c];
                for (var j = 0; j < d; j++) w[j, c] -= step * (gw[j, c] + w[j, c] / n);
            }
        }
        return (w, b);
    }

    private static double[][] Probabilities(double[][] x, double[,] w, double[] b)
    {
        var classes = b.Length;
        return x.Select(row =>
        {
            var logits = new double[classes];
            for (var c = 0; c < classes; c++)
            {
                var s = b[c];
                for (var j = 0; j < row.Length; j++) s += w[j, c] * row[j];
                logits[c] = s;
            }
            var max = logits.Max();
            var sum = 0.0;
            for (var c = 0; c < classes; c++) sum += logits[c] = Math.Exp(logits[c] - max);
            for (var c = 0; c < classes; c++) logits[c] /= sum;
            return logits;
        }).ToArray();
    }
}
