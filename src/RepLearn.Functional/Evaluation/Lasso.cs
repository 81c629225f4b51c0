namespace RepLearn.Functional.Evaluation;

/// <summary>
/// A fitted lasso: y ≈ Intercept + sum_j Coefficients[j] (x_j - Means[j]) / Scales[j], the coefficients belonging to
/// standardised inputs, so |Coefficients[j]| is comparable across inputs of any scale.
/// </summary>
public sealed record LassoModel(ImmutableArray<double> Means, ImmutableArray<double> Scales, ImmutableArray<double> Coefficients, double Intercept)
{
    /// <summary>The prediction for each row of <paramref name="x"/> (same columns as the fit).</summary>
    [Pure]
    public double[] Predict(Tensor x)
    {
        if (x.Cols != Coefficients.Length)
            throw new ArgumentException($"x has {x.Cols} columns but the lasso was fitted on {Coefficients.Length}", nameof(x));
        var result = new double[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            var s = Intercept;
            for (var j = 0; j < Coefficients.Length; j++) s += Coefficients[j] * (x[i, j] - Means[j]) / Scales[j];
            result[i] = s;
        }
        return result;
    }
}

/// <summary>
/// L1-regularised linear least squares (Tibshirani 1996) on standardised inputs x'_j = (x_j - mean_j) / std_j:
/// w = argmin (1/2n) ||y - ybar - X' w||^2 + alpha ||w||_1 (scikit-learn's Lasso objective), solved by cyclic
/// coordinate descent (Friedman et al. 2010): with unit-variance columns each update is the soft threshold
/// w_j &lt;- S(rho_j, alpha), rho_j = (1/n) x'_j^T (r + x'_j w_j), S(a, t) = sign(a) max(|a| - t, 0).
/// A constant input (std below 1e-12) keeps coefficient 0. Among exactly equal inputs the solution is not unique, and the
/// cyclic order gives the whole weight to the first.
/// </summary>
public static class Lasso
{
    /// <summary>Fits the lasso of <paramref name="y"/> (n values) on <paramref name="x"/> (n x d).</summary>
    /// <exception cref="ArgumentException">y's length differs from x's rows, or x has no rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">alpha negative or not finite, maxIterations &lt; 1, tolerance &lt;= 0.</exception>
    [Pure]
    public static LassoModel Fit(Tensor x, IReadOnlyList<double> y, double alpha, int maxIterations = 1000, double tolerance = 1e-10)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be finite and >= 0");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be >= 1");
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be > 0");
        if (x.Rows < 1) throw new ArgumentException($"x must have at least one row, not {x.ShapeString}", nameof(x));
        if (y.Count != x.Rows) throw new ArgumentException($"y has {y.Count} values for {x.Rows} rows of x", nameof(y));
        var (n, d) = (x.Rows, x.Cols);
        var means = new double[d];
        var scales = new double[d];
        var columns = new double[d][];
        var constant = new bool[d];
        for (var j = 0; j < d; j++)
        {
            var column = new double[n];
            for (var i = 0; i < n; i++) column[i] = x[i, j];
            var mean = column.Average();
            var std = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / n);
            constant[j] = std < 1e-12;
            (means[j], scales[j]) = (mean, constant[j] ? 1.0 : std);
            for (var i = 0; i < n; i++) column[i] = (column[i] - mean) / scales[j];
            columns[j] = column;
        }
        var intercept = y.Average();
        var residual = y.Select(v => v - intercept).ToArray();
        var w = new double[d];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var maxChange = 0.0;
            for (var j = 0; j < d; j++)
            {
                if (constant[j]) continue;
                var column = columns[j];
                var rho = 0.0;
                for (var i = 0; i < n; i++) rho += column[i] * residual[i];
                rho = rho / n + w[j];
                var updated = Math.Sign(rho) * Math.Max(Math.Abs(rho) - alpha, 0);
                var delta = updated - w[j];
                if (delta == 0) continue;
                for (var i = 0; i < n; i++) residual[i] -= delta * column[i];
                w[j] = updated;
                maxChange = Math.Max(maxChange, Math.Abs(delta));
            }
            if (maxChange < tolerance) break;
        }
        return new LassoModel([.. means], [.. scales], [.. w], intercept);
    }
}
