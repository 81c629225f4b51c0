namespace RepLearn.Claims;

/// <summary>
/// A covariance S = diag(a) (G G^T / d + delta I) diag(a) (G d x d N(0, 1) from <see cref="Seed"/>, so S is
/// symmetric positive definite with cond up to about 1/delta) and a second set of per-axis scales
/// <see cref="Scales"/> (positive, any magnitude in [1e-50, 1e50]) and power-of-two exponents
/// <see cref="Exponents"/> to apply to it.
/// </summary>
public sealed record CovarianceCase(int Dim, long Seed, double Delta, double[] AxisScales, double[] Scales, int[] Exponents)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"CovarianceCase(d = {Dim}, seed = {Seed}, delta = {Show(Delta)}, axisScales = {Show(AxisScales)}, scales = {Show(Scales)}, exponents = {Show(Exponents)})";
}

/// <summary>
/// Claim <b>L1-tc-independent</b> (Lecture 1): "Independent axes have zero total correlation."
/// <para>
/// Method (exact). The Gaussian total correlation TC(S) = 1/2 (sum_i log S_ii - log det S) = sum_i h(z_i) - h(z)
/// of z ~ N(mu, S) (<c>GaussianInformation.TotalCorrelation</c>, computed as -1/2 log det of the correlation
/// matrix through its Cholesky factor). Checks: (1) a diagonal S — independent axes — has TC = 0 exactly
/// (+0.0), for variances log-uniform over [1e-150, 1e150]; (2) TC &gt;= 0 for every generated covariance, with no
/// tolerance (d in 1..8, S = diag(a) (G G^T / d + delta I) diag(a), delta log-uniform in [1e-6, 10], axis scales a
/// over [1e-3, 1e3]), and TC agrees with the textbook formula evaluated by MathNet (log det by Cholesky) within
/// 64 u d cond(S) (1 + TC), u = 2^-53; (3) TC is invariant to per-axis scaling S -&gt; diag(c) S diag(c): bitwise
/// for powers of two c_i = 2^k_i (k_i in [-60, 60]) and within 16 u d cond(R) (1 + TC) for arbitrary c_i in
/// [1e-50, 1e50] (R the correlation matrix; the scaling moves every entry of R by a few ulps); (4) independent
/// groups of axes add nothing: TC of a block-diagonal S = TC(S_1) + TC(S_2) within 8 u (TC + d).
/// </para>
/// </summary>
public static class L1TcIndependent
{
    /// <summary>The claim, its method, and its experiment: the four properties below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L1-tc-independent", 1,
        "Independent axes have zero total correlation",
        """
        Exact, on generated covariances; TC(S) = 1/2 (sum_i log S_ii - log det S), computed as -1/2 log det of the correlation matrix through its
        Cholesky factor. (1) A diagonal S (variances 1e-150..1e150) has TC exactly +0.0. (2) TC >= 0 with no tolerance for every S = diag(a) (G
        G^T / d + delta I) diag(a) (d 1..8, delta 1e-6..10, a 1e-3..1e3), and TC agrees with the textbook formula (MathNet log det by Cholesky)
        within 64 u d cond(S) (1 + TC), u = 2^-53: the rounding of a log det at that condition. (3) TC is invariant to per-axis scaling: bit for
        bit for powers of two (exact in floating point), within 16 u d cond(R) (1 + TC) for arbitrary factors 1e-50..1e50 (they move each entry
        of the correlation matrix R by a few ulps). (4) Independent blocks add nothing: TC(blockdiag(S1, S2)) = TC(S1) + TC(S2) within 8 u (TC +
        d).
        """,
        new("diagonal covariances whose TC is not exactly +0", DiagonalCovarianceHasZeroTotalCorrelation, 100, 500),
        new("covariances with TC < 0 or off the log-determinant formula", TotalCorrelationIsNonNegativeAndMatchesTheLogDeterminantFormula, 100, 500),
        new("covariances whose TC changes under per-axis scaling", TotalCorrelationIsInvariantToPerAxisScaling, 100, 500),
        new("block-diagonal covariances whose TC is not the sum of the blocks'", IndependentBlocksAddUp, 60, 300));

    private const double U = 1.1102230246251565e-16; // 2^-53

    private static readonly Gen<CovarianceCase> Cases =
        from d in Gen.Choose(1, 8)
        from seed in ClaimGens.Seed
        from delta in ClaimGens.LogUniform(-6, 1)
        from a in Gen.ArrayOf(ClaimGens.LogUniform(-3, 3), d)
        from c in Gen.ArrayOf(ClaimGens.LogUniform(-50, 50), d)
        from k in Gen.ArrayOf(Gen.Choose(-60, 60), d)
        select new CovarianceCase(d, seed, delta, a, c, k);

    internal static Matrix<double> Covariance(CovarianceCase c)
    {
        var g = Sample.Normal(Key.FromSeed(c.Seed), c.Dim, c.Dim).ToMatrix();
        var inner = g * g.Transpose() / c.Dim + Matrix<double>.Build.DenseIdentity(c.Dim) * c.Delta;
        var s = Matrix<double>.Build.Dense(c.Dim, c.Dim, (i, j) => c.AxisScales[i] * inner[i, j] * c.AxisScales[j]);
        return (s + s.Transpose()) / 2;
    }

    private static Tensor Scaled(Matrix<double> s, Func<int, double, double> scale) =>
        Tensor.Create(s.RowCount, s.ColumnCount, (i, j) => scale(j, scale(i, s[i, j])));

    private static Matrix<double> Correlation(Matrix<double> s) =>
        Matrix<double>.Build.Dense(s.RowCount, s.ColumnCount, (i, j) => s[i, j] / Math.Sqrt(s[i, i] * s[j, j]));

    /// <summary>A diagonal covariance has TC exactly +0.</summary>
    public static Property DiagonalCovarianceHasZeroTotalCorrelation() => Prop.ForAll(
        Gen.Choose(1, 8).SelectMany(d => Gen.ArrayOf(ClaimGens.LogUniform(-150, 150), d)).ToArbitrary(), variances =>
    {
        var s = Tensor.Create(variances.Length, variances.Length, (i, j) => i == j ? variances[i] : 0);
        var tc = GaussianInformation.TotalCorrelation(s);
        That(tc == 0 && !double.IsNegative(tc), () => $"TC of diag({Show(variances)}) = {Show(tc)}, not +0");
    });

    /// <summary>TC &gt;= 0 for every covariance (no tolerance), and it matches 1/2 (sum log S_ii - log det S).</summary>
    public static Property TotalCorrelationIsNonNegativeAndMatchesTheLogDeterminantFormula() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var s = Covariance(c);
        var tc = GaussianInformation.TotalCorrelation(Tensor.FromMatrix(s));
        That(tc >= 0 && double.IsFinite(tc), () => $"TC = {Show(tc)}");
        var textbook = 0.5 * (Enumerable.Range(0, c.Dim).Sum(i => Math.Log(s[i, i])) - s.Cholesky().DeterminantLn);
        var tolerance = 64 * U * c.Dim * s.ConditionNumber() * (1 + tc);
        Close(tc, textbook, tolerance, "TC vs 1/2 (sum log S_ii - log det S)");
    });

    /// <summary>Scaling the axes leaves TC unchanged: bitwise for powers of two, to rounding otherwise.</summary>
    public static Property TotalCorrelationIsInvariantToPerAxisScaling() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var s = Covariance(c);
        var tc = GaussianInformation.TotalCorrelation(Tensor.FromMatrix(s));
        var powerOfTwo = GaussianInformation.TotalCorrelation(Scaled(s, (i, v) => Math.ScaleB(v, c.Exponents[i])));
        That(BitConverter.DoubleToInt64Bits(powerOfTwo) == BitConverter.DoubleToInt64Bits(tc), () =>
            $"power-of-two scaling 2^{Show(c.Exponents)}: TC {Show(powerOfTwo)} vs {Show(tc)} (not bitwise equal)");
        var scaled = GaussianInformation.TotalCorrelation(Scaled(s, (i, v) => c.Scales[i] * v));
        var tolerance = 16 * U * c.Dim * Correlation(s).ConditionNumber() * (1 + tc);
        Close(scaled, tc, tolerance, "TC after scaling the axes by arbitrary positive factors");
    });

    /// <summary>TC(blockdiag(S_1, S_2)) = TC(S_1) + TC(S_2): independent groups contribute nothing.</summary>
    public static Property IndependentBlocksAddUp() => Prop.ForAll(Cases.ToArbitrary(), Cases.ToArbitrary(), (c1, c2) =>
    {
        var s1 = Covariance(c1);
        var s2 = Covariance(c2);
        var d = c1.Dim + c2.Dim;
        var block = Tensor.Create(d, d, (i, j) =>
            i < c1.Dim && j < c1.Dim ? s1[i, j] : i >= c1.Dim && j >= c1.Dim ? s2[i - c1.Dim, j - c1.Dim] : 0);
        var tc1 = GaussianInformation.TotalCorrelation(Tensor.FromMatrix(s1));
        var tc2 = GaussianInformation.TotalCorrelation(Tensor.FromMatrix(s2));
        var tc = GaussianInformation.TotalCorrelation(block);
        Close(tc, tc1 + tc2, 8 * U * (tc + d), $"TC of blockdiag vs TC(S1) + TC(S2) = {Show(tc1)} + {Show(tc2)}");
    });
}
