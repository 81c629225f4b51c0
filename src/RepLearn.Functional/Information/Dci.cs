namespace RepLearn.Functional.Information;

/// <summary>
/// The three DCI scores and the importance matrix they come from (<see cref="Dci"/>).
/// </summary>
/// <param name="Disentanglement">sum_j rho_j (1 - H_K(P_j.)), in [0, 1].</param>
/// <param name="Completeness">sum_k rho_k (1 - H_D(P_.k)), in [0, 1].</param>
/// <param name="Informativeness">Mean over factors of the test R^2 of the factor's lasso, clipped to [0, 1].</param>
/// <param name="Importance">R (d x K): |lasso coefficient| of standardised code dimension j for standardised factor k (a fresh array).</param>
public sealed record DciScores(double Disentanglement, double Completeness, double Informativeness, double[,] Importance);

/// <summary>
/// DCI (Eastwood and Williams 2018, "A framework for the quantitative evaluation of disentangled representations"), as in
/// disentanglement_lib's <c>evaluation/metrics/dci.py</c>, except for the regressor: disentanglement_lib fits one
/// gradient-boosted tree ensemble per factor and takes its feature importances; here each factor k (its index,
/// standardised on the training rows) is regressed on the standardised codes by a <see cref="Lasso"/> (L1-regularised
/// least squares, coordinate descent), and the importance is R_jk = |w_jk|. Then, with P_jk = R_jk / sum_k' R_jk',
/// P~_jk = R_jk / sum_j' R_j'k, rho_j = sum_k R_jk / sum R and rho~_k = sum_j R_jk / sum R:
/// <list type="bullet">
/// <item>disentanglement D = sum_j rho_j (1 - H_K(P_j.)), H_K the entropy in base K (the number of factors): 1 when every code
/// dimension matters for one factor only;</item>
/// <item>completeness C = sum_k rho~_k (1 - H_D(P~_.k)), H_D in base D (the number of code dimensions): 1 when every factor
/// is captured by one dimension; a factor copied (noisily) into two dimensions is shared between them and scores lower;</item>
/// <item>informativeness I = mean_k max(0, R^2_k) with R^2_k = 1 - SSE/SST of the lasso on the test rows. dci.py reports the
/// trees' classification accuracy; the paper defines informativeness by the prediction error, and 1 - NMSE is that error
/// turned into a score in [0, 1].</item>
/// </list>
/// As in dci.py, 1e-11 is added to every importance before an entropy, an all-zero R is replaced by all ones (no
/// dimension predicts anything: D = C = 0), and with K = 1 (D = 1) the base-1 entropy is undefined and the
/// disentanglement (completeness) is 1 by definition. The default alpha = 0.1 (on standardised factor and codes) sets to 0
/// any coefficient whose correlation with the residual is below 0.1, so independent noise dimensions get no importance.
/// </summary>
public static class Dci
{
    /// <summary>DCI of codes (n x d) against discrete factors: lassos fitted on the training pair, informativeness measured on the test pair.</summary>
    [Pure]
    public static DciScores Compute(Tensor trainCodes, IReadOnlyList<int[]> trainFactors, Tensor testCodes, IReadOnlyList<int[]> testFactors, double alpha = 0.1)
    {
        MetricInput.CheckTrainTest(trainCodes, trainFactors, testCodes, testFactors);
        var (d, k) = (trainCodes.Cols, trainFactors.Count);
        var importance = new double[d, k];
        var informativeness = 0.0;
        for (var f = 0; f < k; f++)
        {
            var moments = MetricInput.Moments(trainFactors[f].Select(v => (double)v).ToArray());
            var target = trainFactors[f].Select(v => (v - moments.Mean) / moments.Std).ToArray();
            var model = Lasso.Fit(trainCodes, target, alpha);
            for (var j = 0; j < d; j++) importance[j, f] = Math.Abs(model.Coefficients[j]);
            var predicted = model.Predict(testCodes);
            var actual = testFactors[f].Select(v => (v - moments.Mean) / moments.Std).ToArray();
            var mean = actual.Average();
            double sse = 0, sst = 0;
            for (var i = 0; i < actual.Length; i++)
            {
                sse += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
                sst += (actual[i] - mean) * (actual[i] - mean);
            }
            var r2 = sst > 0 ? 1 - sse / sst : sse < 1e-12 ? 1 : 0;
            informativeness += Math.Clamp(r2, 0, 1);
        }
        return new DciScores(Disentanglement(importance), Completeness(importance), informativeness / k, importance);
    }

    /// <summary>D = sum_j rho_j (1 - H_K(P_j.)) for an importance matrix R (d x K, entries &gt;= 0).</summary>
    [Pure]
    public static double Disentanglement(double[,] importance) => Score(importance, transpose: false);

    /// <summary>C = sum_k rho~_k (1 - H_D(P~_.k)) for an importance matrix R (d x K, entries &gt;= 0).</summary>
    [Pure]
    public static double Completeness(double[,] importance) => Score(importance, transpose: true);

    // Rows of R (or of R^T): each row's 1 - entropy in base (row length), weighted by the row's share of the total.
    private static double Score(double[,] importance, bool transpose)
    {
        var (rows, cols) = MetricInput.NonEmptyShape(importance, nameof(importance));
        var total = 0.0;
        foreach (var v in importance)
        {
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(nameof(importance), v, "importances must be finite and >= 0");
            total += v;
        }
        double At(int r, int c) => total == 0 ? 1.0 : importance[r, c];
        var (outer, inner) = transpose ? (cols, rows) : (rows, cols);
        double Get(int a, int b) => transpose ? At(b, a) : At(a, b);
        var sum = total == 0 ? (double)rows * cols : total;
        var score = 0.0;
        for (var a = 0; a < outer; a++)
        {
            var weight = 0.0;
            for (var b = 0; b < inner; b++) weight += Get(a, b);
            double purity;
            if (inner == 1) purity = 1;
            else
            {
                var smoothed = Enumerable.Range(0, inner).Select(b => Get(a, b) + 1e-11).ToArray();
                var z = smoothed.Sum();
                var entropy = smoothed.Sum(p => -(p / z) * Math.Log(p / z)) / Math.Log(inner);
                purity = 1 - entropy;
            }
            score += weight / sum * purity;
        }
        return Math.Clamp(score, 0, 1);
    }
}
