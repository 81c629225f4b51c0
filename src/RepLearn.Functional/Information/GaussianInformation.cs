namespace RepLearn.Functional.Information;

/// <summary>
/// Information measures of a multivariate Gaussian N(mu, S), in closed form from its covariance S
/// (Lecture 1's disentanglement: independent factors on independent axes).
/// </summary>
/// <example><code>
/// var s = Tensor.FromRows([[1.0, 0.5], [0.5, 1.0]]);
/// GaussianInformation.TotalCorrelation(s);   // -1/2 log(1 - 0.25) = 0.1438...
/// </code></example>
public static class GaussianInformation
{
    /// <summary>
    /// The total correlation (Watanabe 1960, "Information theoretical analysis of multivariate
    /// correlation") of z ~ N(mu, S): TC(z) = sum_i h(z_i) - h(z) = 1/2 (sum_i log S_ii - log det S) nats,
    /// from the Gaussian entropy h = 1/2 log((2 pi e)^d det S) (Cover and Thomas 2006, Theorem 8.4.1).
    /// It is evaluated on the correlation matrix R = D^-1/2 S D^-1/2 (D = diag S, R_ii = 1 exactly) as
    /// TC = -1/2 log det R = -sum_i log L_ii = -1/2 sum_i log1p(-sum_{k&lt;i} L_ik^2) with R = L L^T (Cholesky).
    /// Consequences that hold in floating point, not only in exact arithmetic: every term is &gt;= 0, so
    /// TC &gt;= 0; a diagonal S gives L = I and TC = 0 exactly; scaling axes by powers of two leaves R, and
    /// so TC, bitwise unchanged. Only the lower triangle of S is read.
    /// </summary>
    /// <param name="covariance">A symmetric positive-definite d x d covariance, d &gt;= 1.</param>
    /// <exception cref="ArgumentException">S is not square, has a non-finite entry, a diagonal entry &lt;= 0,
    /// or is not positive definite (numerically).</exception>
    [Pure]
    public static double TotalCorrelation(Tensor covariance)
    {
        var d = covariance.Rows;
        if (d < 1 || covariance.Cols != d)
            throw new ArgumentException($"the covariance must be square and non-empty, got {covariance.ShapeString}", nameof(covariance));
        if (!covariance.AllFinite()) throw new ArgumentException("the covariance must be finite", nameof(covariance));
        var scale = new double[d];
        for (var i = 0; i < d; i++)
        {
            var v = covariance[i, i];
            if (!(v > 0)) throw new ArgumentException($"the variance S[{i},{i}] = {v} must be > 0", nameof(covariance));
            scale[i] = Math.Sqrt(v);
        }

        // Cholesky of the correlation matrix, row by row; l holds the lower triangle.
        var l = new double[d * d];
        var tc = 0.0;
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var r = covariance[i, j] / scale[i] / scale[j];
                var s = r;
                for (var k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
                l[i * d + j] = s / l[j * d + j];
            }
            var sumSq = 0.0;
            for (var k = 0; k < i; k++) sumSq += l[i * d + k] * l[i * d + k];
            if (!(sumSq < 1))
                throw new ArgumentException($"the covariance is not positive definite (pivot {i} of its correlation matrix is {1 - sumSq})", nameof(covariance));
            l[i * d + i] = Math.Sqrt(1 - sumSq);
            tc -= Scalar.Log1p(-sumSq);
        }
        return 0.5 * tc;
    }
}
