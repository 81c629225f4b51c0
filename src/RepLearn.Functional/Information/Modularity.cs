namespace RepLearn.Functional.Information;

/// <summary>
/// Modularity (Ridgeway and Mozer 2018, "Learning deep disentangled embeddings with the F-statistic loss", section 3), as
/// in disentanglement_lib's <c>evaluation/metrics/modularity_explicitness.py</c>: with m_jk = I(z_j; v_k) the plug-in
/// mutual information of code dimension j (discretised into <c>bins</c> equal-width bins, as for
/// <see cref="MutualInformationGap"/>) and factor k, and theta_j = max_k m_jk,
/// delta_j = (sum_k m_jk^2 - theta_j^2) / (theta_j^2 (K - 1)), modularity = (1/d) sum_j (1 - delta_j), a dimension with
/// theta_j = 0 counting 0. 1 means every dimension depends on one factor only. It does not ask that every factor be
/// captured (a copy of one factor in all dimensions is perfectly modular), nor is it 0 for noise: the plug-in bias of
/// m_jk grows with the factor's number of values, so for independent codes the row m_j. is uneven and modularity sits
/// well above 0 (about 0.3 to 0.4 for the shapes factors, 3 to 8 values).
/// </summary>
public static class Modularity
{
    /// <summary>Modularity of <paramref name="codes"/> (n x d) against discrete factors (each n values).</summary>
    [Pure]
    public static double Compute(Tensor codes, IReadOnlyList<int[]> factors, int bins = 20) =>
        FromMutualInformation(MutualInformationMatrix(codes, factors, bins));

    /// <summary>The d x K matrix I(discretised z_j; v_k) in nats.</summary>
    [Pure]
    public static double[,] MutualInformationMatrix(Tensor codes, IReadOnlyList<int[]> factors, int bins = 20)
    {
        if (bins < 2) throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be >= 2");
        MetricInput.Check(codes, factors);
        var mi = new double[codes.Cols, factors.Count];
        for (var j = 0; j < codes.Cols; j++)
        {
            var z = MutualInformationGap.Discretise(codes, j, bins);
            for (var k = 0; k < factors.Count; k++) mi[j, k] = DiscreteInformation.MutualInformation(z, factors[k]);
        }
        return mi;
    }

    /// <summary>(1/d) sum_j (1 - delta_j) for a mutual information matrix (d x K, entries &gt;= 0); K = 1 gives 1 for every dimension with theta_j &gt; 0.</summary>
    [Pure]
    public static double FromMutualInformation(double[,] mutualInformation)
    {
        var (d, k) = MetricInput.NonEmptyShape(mutualInformation, nameof(mutualInformation));
        // 1 - delta_j of dimension j (theta_j^2 = max, sum_k m_jk^2 = sum); 0 for a dimension with theta_j = 0.
        double Term(int j)
        {
            double max = 0, sum = 0;
            for (var f = 0; f < k; f++)
            {
                var m = mutualInformation[j, f];
                if (!(m >= 0) || double.IsInfinity(m)) throw new ArgumentOutOfRangeException(nameof(mutualInformation), m, "mutual informations must be finite and >= 0");
                sum += m * m;
                max = Math.Max(max, m * m);
            }
            if (max == 0) return 0;
            return k == 1 ? 1 : 1 - (sum - max) / (max * (k - 1));
        }
        return Math.Clamp(MetricInput.Mean(d, Term), 0, 1);
    }
}
