namespace RepLearn.Claims;

/// <summary>
/// Claim <b>L3-kl-additive</b> (Lecture 3): "KL of a diagonal Gaussian is the sum of per-dimension KLs."
/// <para>
/// Method (exact): for generated batches of d-dimensional diagonal Gaussians (d in 1..8, 1..3 rows),
/// the d-dimensional KL of each row equals the sum over j of the KL of the 1-dimensional Gaussian
/// N(mu_j, e^logVar_j), each computed by a separate call on a 1 x 1 tensor — both for the
/// standard-normal prior (<c>GaussianKl(mu, logVar)</c>, every finite input of L3-kl-nonneg
/// including the extremes) and for the general case KL(N1 || N2) (<c>GaussianKl(mu1, lv1, mu2, lv2)</c>,
/// inputs whose KL is finite in double). The terms are all &gt;= 0, so summing them in another
/// order differs only by rounding: the tolerance is d * 2^-52 * sum_j KL_j (a bound on the
/// reordering error of a sum of d non-negative numbers), with no absolute slack.
/// </para>
/// <para>
/// The sum of 1-D KLs checks the library against itself: a wrong per-dimension formula would be summed just as
/// faithfully. So the d-dimensional KL is also compared with an independent formula, the full-covariance Gaussian KL
/// KL(N(m1, S1) || N(m2, S2)) = 1/2 [tr(S2^-1 S1) + (m2 - m1)^T S2^-1 (m2 - m1) - d + ln det S2 - ln det S1],
/// evaluated with MathNet dense matrices (Cholesky solves and log-determinant) on S = diag(e^logVar), for the
/// general pair and for N(0, I) as the second Gaussian, on the inputs whose KL is finite in double (|mu| up to 1e50,
/// logVar in [-300, 300]). That formula cancels where the library's does not (tr - d + ln det ratio ~ 0 when
/// S1 ~ S2), so its rounding is bounded by its terms: the tolerance is 8 (d + 2) 2^-53 T, T = tr(S2^-1 S1) +
/// the Mahalanobis term + d + |ln det S1| + |ln det S2| + sum_j e^(lv1_j - lv2_j) |lv1_j - lv2_j| (each term is computed
/// to a few ulps; a log-determinant of d logs of numbers up to e^300 is off by at most about d (300 + 2) ulps of 1,
/// inside T's share; and the library's e^(lv1 - lv2) starts from the rounded difference lv1 - lv2, an error that
/// e^x multiplies by |x|, up to 600 here: the last term).
/// </para>
/// </summary>
public static class L3KlAdditive
{
    private const double U = 1.1102230246251565e-16; // 2^-53

    /// <summary>The claim, its method, and its experiment: the four properties below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L3-kl-additive", 3,
        "KL of a diagonal Gaussian is the sum of per-dimension KLs",
        """
        Exact, on generated batches of diagonal Gaussians (d in 1..8): the d-dimensional KL of each row (standard-normal prior on every finite
        input including the extremes; general KL(N1 || N2) on inputs whose KL is finite) equals the sum of d separate 1-D calls within d * 2^-52
        * sum (the reordering error of a sum of non-negative terms). Because that compares the library with itself, the d-dimensional KL is also
        compared with the independent full-covariance formula 1/2 [tr(S2^-1 S1) + (m2 - m1)^T S2^-1 (m2 - m1) - d + ln det S2 - ln det S1] on
        MathNet dense matrices S = diag(e^logVar) (general pair and N(0, I)), within 8 (d + 2) 2^-53 times the sum of that formula's term
        magnitudes (it cancels where the library's form does not) plus sum_j e^(lv1_j - lv2_j) |lv1_j - lv2_j| (the library's e^(lv1 - lv2)
        inherits the rounding of lv1 - lv2, amplified by |lv1 - lv2| <= 600).
        """,
        new("standard-prior rows whose KL is not the sum of 1-D KLs", StandardPriorKlIsSumOfOneDimensionalKls, 200, 1000),
        new("general-pair rows whose KL is not the sum of 1-D KLs", GeneralKlIsSumOfOneDimensionalKls, 200, 1000),
        new("general-pair rows off the full-covariance KL formula", GeneralKlMatchesTheFullCovarianceFormula, 200, 1000),
        new("standard-prior rows off the full-covariance KL formula", StandardPriorKlMatchesTheFullCovarianceFormula, 200, 1000));

    /// <summary>KL(N(mu, diag sigma^2) || N(0, I)) = sum_j KL(N(mu_j, sigma_j^2) || N(0, 1)).</summary>
    public static Property StandardPriorKlIsSumOfOneDimensionalKls() => Prop.ForAll(ClaimGens.AnyGaussian.ToArbitrary(), c =>
    {
        var kl = Core.GaussianKl(Tensor.FromRows(c.Mu), Tensor.FromRows(c.LogVar));
        for (var r = 0; r < c.Mu.Length; r++)
        {
            var row = r;
            var terms = Enumerable.Range(0, c.Mu[r].Length)
                .Select(j => Core.GaussianKl(Scalar(c.Mu[row][j]), Scalar(c.LogVar[row][j]))[0, 0])
                .ToArray();
            CheckSum(kl[r, 0], terms, $"row {r}");
        }
    });

    /// <summary>KL(N1 || N2) = sum_j KL(N1_j || N2_j) for diagonal N1, N2.</summary>
    public static Property GeneralKlIsSumOfOneDimensionalKls() => Prop.ForAll(ClaimGens.FiniteGaussianPair.ToArbitrary(), c =>
    {
        var kl = Core.GaussianKl(Tensor.FromRows(c.Mu1), Tensor.FromRows(c.LogVar1), Tensor.FromRows(c.Mu2), Tensor.FromRows(c.LogVar2));
        for (var r = 0; r < c.Mu1.Length; r++)
        {
            var row = r;
            var terms = Enumerable.Range(0, c.Mu1[r].Length)
                .Select(j => Core.GaussianKl(Scalar(c.Mu1[row][j]), Scalar(c.LogVar1[row][j]), Scalar(c.Mu2[row][j]), Scalar(c.LogVar2[row][j]))[0, 0])
                .ToArray();
            CheckSum(kl[r, 0], terms, $"row {r}");
        }
    });

    /// <summary>KL(N1 || N2) of the library = the full-covariance formula on diag(e^lv1), diag(e^lv2) (MathNet).</summary>
    public static Property GeneralKlMatchesTheFullCovarianceFormula() => Prop.ForAll(ClaimGens.FiniteGaussianPair.ToArbitrary(), c =>
    {
        var kl = Core.GaussianKl(Tensor.FromRows(c.Mu1), Tensor.FromRows(c.LogVar1), Tensor.FromRows(c.Mu2), Tensor.FromRows(c.LogVar2));
        for (var r = 0; r < c.Mu1.Length; r++)
            CheckFullCovariance(kl[r, 0], c.Mu1[r], c.LogVar1[r], c.Mu2[r], c.LogVar2[r], $"row {r}");
    });

    /// <summary>KL(N(mu, diag e^lv) || N(0, I)) of the library = the full-covariance formula with m2 = 0, S2 = I.</summary>
    public static Property StandardPriorKlMatchesTheFullCovarianceFormula() => Prop.ForAll(ClaimGens.FiniteGaussianPair.ToArbitrary(), c =>
    {
        var kl = Core.GaussianKl(Tensor.FromRows(c.Mu1), Tensor.FromRows(c.LogVar1));
        for (var r = 0; r < c.Mu1.Length; r++)
        {
            var d = c.Mu1[r].Length;
            CheckFullCovariance(kl[r, 0], c.Mu1[r], c.LogVar1[r], new double[d], new double[d], $"row {r} (prior N(0, I))");
        }
    });

    /// <summary>
    /// KL(N(m1, S1) || N(m2, S2)) = 1/2 [tr(S2^-1 S1) + (m2 - m1)^T S2^-1 (m2 - m1) - d + ln det S2 - ln det S1] with
    /// S = diag(e^logVar) as dense matrices, and the sum of its terms' magnitudes.
    /// </summary>
    internal static (double Kl, double Magnitude) FullCovarianceKl(double[] mu1, double[] lv1, double[] mu2, double[] lv2)
    {
        var d = mu1.Length;
        var s1 = Matrix<double>.Build.DenseOfDiagonalArray(lv1.Select(Math.Exp).ToArray());
        var s2 = Matrix<double>.Build.DenseOfDiagonalArray(lv2.Select(Math.Exp).ToArray());
        var dm = Vector<double>.Build.DenseOfArray(mu2) - Vector<double>.Build.DenseOfArray(mu1);
        var chol1 = s1.Cholesky();
        var chol2 = s2.Cholesky();
        var trace = chol2.Solve(s1).Trace();
        var mahalanobis = dm * chol2.Solve(dm);
        var (logDet1, logDet2) = (chol1.DeterminantLn, chol2.DeterminantLn);
        // The library forms e^(lv1 - lv2) from the rounded difference lv1 - lv2, whose error e^x |x| u grows with |x|.
        var amplified = Enumerable.Range(0, d).Sum(j => Math.Exp(lv1[j] - lv2[j]) * Math.Abs(lv1[j] - lv2[j]));
        return (0.5 * (trace + mahalanobis - d + logDet2 - logDet1),
            trace + Math.Abs(mahalanobis) + d + Math.Abs(logDet1) + Math.Abs(logDet2) + amplified);
    }

    private static void CheckFullCovariance(double library, double[] mu1, double[] lv1, double[] mu2, double[] lv2, string where)
    {
        var (reference, magnitude) = FullCovarianceKl(mu1, lv1, mu2, lv2);
        var tolerance = 8 * (mu1.Length + 2) * U * magnitude;
        That(double.IsFinite(library) && double.IsFinite(reference), () => $"{where}: library KL {Show(library)}, full-covariance formula {Show(reference)}");
        Close(library, reference, tolerance, $"{where}: library KL vs full-covariance formula (term magnitude {Show(magnitude)})");
    }

    private static Tensor Scalar(double v) => Tensor.Scalar(v);

    private static void CheckSum(double joint, double[] terms, string where)
    {
        That(terms.All(t => double.IsFinite(t) && t >= 0), () => $"{where}: a 1-D KL is negative or not finite: {Show(terms)}");
        var sum = terms.Sum();
        var tolerance = terms.Length * Math.Pow(2, -52) * sum;
        That(double.IsFinite(joint) && Math.Abs(joint - sum) <= tolerance, () =>
            $"{where}: d-dim KL = {Show(joint)} but sum of 1-D KLs = {Show(sum)} (terms {Show(terms)}), " +
            $"|diff| = {Show(Math.Abs(joint - sum))} > {Show(tolerance)}");
    }
}
