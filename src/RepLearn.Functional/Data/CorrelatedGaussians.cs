namespace RepLearn.Functional.Data;

/// <summary>
/// Pairs (x, y) in R^d with known mutual information, the benchmark of Poole et al. 2019
/// ("On variational bounds of mutual information") and Belghazi et al. 2018 (MINE):
/// x ~ N(0, I_d), y = rho x + sqrt(1 - rho^2) eps with eps ~ N(0, I_d), so that y ~ N(0, I_d),
/// corr(x_j, y_j) = rho, and the d coordinate pairs are independent. For one bivariate Gaussian pair
/// I(x_j; y_j) = -1/2 log(1 - rho^2) (Cover and Thomas 2006, Example 8.5.1); information adds over
/// independent pairs, so exactly I(x; y) = -(d/2) log(1 - rho^2) nats.
/// </summary>
/// <example><code>
/// var rho = CorrelatedGaussians.RhoForMutualInformation(d: 20, mutualInformation: 4.0);
/// var (x, y) = CorrelatedGaussians.Generate(Key.FromSeed(1), n: 512, d: 20, rho);
/// var critic = CorrelatedGaussians.LogDensityRatioMatrix(x, y, rho); // optimal InfoNCE critic, 512 x 512
/// </code></example>
public static class CorrelatedGaussians
{
    /// <summary>
    /// n pairs: X = eps1, Y = rho X + sqrt(1 - rho^2) eps2 with eps1, eps2 ~ N(0, I) drawn from the two
    /// children of <paramref name="key"/>. Both n x d; row i of X and row i of Y form a pair.
    /// </summary>
    [Pure]
    public static (Tensor X, Tensor Y) Generate(Key key, int n, int d, double rho)
    {
        RequireRho(rho);
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 0");
        if (d < 1) throw new ArgumentOutOfRangeException(nameof(d), d, "d must be >= 1");
        var (kx, ke) = key.Split();
        var x = Sample.Normal(kx, n, d);
        var y = Sample.Normal(ke, n, d).Buffer; // fresh: ours to overwrite
        var xs = x.Span;
        var s = Math.Sqrt((1 - rho) * (1 + rho));
        for (var i = 0; i < y.Length; i++) y[i] = rho * xs[i] + s * y[i];
        return (x, Tensor.Wrap(n, d, y));
    }

    /// <summary>
    /// I(x; y) = -(d/2) log(1 - rho^2) nats, computed as -(d/2) [log1p(-rho) + log1p(rho)], accurate for
    /// rho near 0 and near +-1. (Near |rho| = 1 the value is ill-conditioned in rho itself:
    /// dI/drho = d rho / (1 - rho^2).)
    /// </summary>
    [Pure]
    public static double MutualInformation(int d, double rho)
    {
        RequireRho(rho);
        if (d < 1) throw new ArgumentOutOfRangeException(nameof(d), d, "d must be >= 1");
        return -0.5 * d * (Scalar.Log1p(-rho) + Scalar.Log1p(rho));
    }

    /// <summary>
    /// The inverse of <see cref="MutualInformation"/>: the rho &gt;= 0 with I(x; y) = mi nats,
    /// rho = sqrt(1 - exp(-2 mi / d)) (computed as sqrt(-expm1(-2 mi / d))). Throws when rho would round to 1
    /// (mi / d above about 18.7 nats per dimension).
    /// </summary>
    [Pure]
    public static double RhoForMutualInformation(int d, double mutualInformation)
    {
        if (d < 1) throw new ArgumentOutOfRangeException(nameof(d), d, "d must be >= 1");
        if (!(mutualInformation >= 0) || double.IsPositiveInfinity(mutualInformation))
            throw new ArgumentOutOfRangeException(nameof(mutualInformation), mutualInformation, "mutual information must be finite and >= 0");
        var rho = Math.Sqrt(-Scalar.Expm1(-2 * mutualInformation / d));
        if (rho >= 1)
            throw new ArgumentOutOfRangeException(nameof(mutualInformation), mutualInformation,
                $"{mutualInformation} nats in {d} dimensions needs 1 - rho^2 = exp(-2 mi / d) below double precision");
        return rho;
    }

    /// <summary>
    /// The pointwise mutual information of each pair, the optimal critic of every InfoNCE-type bound
    /// (Poole et al. 2019): log p(y_i | x_i) - log p(y_i)
    /// = sum_j [ -1/2 log(1 - rho^2) + (2 rho x_ij y_ij - rho^2 (x_ij^2 + y_ij^2)) / (2 (1 - rho^2)) ].
    /// Its mean over pairs from the joint estimates I(x; y). Result n x 1.
    /// </summary>
    [Pure]
    public static Tensor LogDensityRatio(Tensor x, Tensor y, double rho)
    {
        RequireRho(rho);
        if (!x.SameShape(y))
            throw new ArgumentException($"x and y must have the same shape, got {x.ShapeString} and {y.ShapeString}", nameof(y));
        var (constant, cross, square) = Coefficients(x.Cols, rho);
        return Tensor.Create(x.Rows, 1, (i, _) =>
        {
            ReadOnlySpan<double> xi = x.Row(i), yi = y.Row(i);
            double dot = 0, sq = 0;
            for (var j = 0; j < xi.Length; j++)
            {
                dot += xi[j] * yi[j];
                sq += xi[j] * xi[j] + yi[j] * yi[j];
            }
            return constant + cross * dot - square * sq;
        });
    }

    /// <summary>
    /// The optimal critic on every (x_i, y_k) combination, the score matrix of InfoNCE with in-batch
    /// negatives: entry (i, k) = log p(y_k | x_i) - log p(y_k)
    /// = -(d/2) log(1 - rho^2) + (2 rho x_i.y_k - rho^2 (||x_i||^2 + ||y_k||^2)) / (2 (1 - rho^2)).
    /// The diagonal equals <see cref="LogDensityRatio"/>. Result n x m for n x d and m x d inputs.
    /// </summary>
    [Pure]
    public static Tensor LogDensityRatioMatrix(Tensor x, Tensor y, double rho)
    {
        RequireRho(rho);
        if (x.Cols != y.Cols)
            throw new ArgumentException($"x and y must have the same number of columns, got {x.ShapeString} and {y.ShapeString}", nameof(y));
        var (constant, cross, square) = Coefficients(x.Cols, rho);
        var xSq = RowSquares(x);
        var ySq = RowSquares(y);
        var dots = Gemm.Multiply(x.Buffer, false, y.Buffer, true, x.Rows, x.Cols, y.Rows);
        for (var i = 0; i < x.Rows; i++)
            for (var k = 0; k < y.Rows; k++)
                dots[i * y.Rows + k] = constant + cross * dots[i * y.Rows + k] - square * (xSq[i] + ySq[k]);
        return Tensor.Wrap(x.Rows, y.Rows, dots);
    }

    // (constant, cross, square) with ratio = constant + cross x.y - square (|x|^2 + |y|^2).
    private static (double Constant, double Cross, double Square) Coefficients(int d, double rho)
    {
        var oneMinus = (1 - rho) * (1 + rho);
        return (-0.5 * d * (Scalar.Log1p(-rho) + Scalar.Log1p(rho)), rho / oneMinus, 0.5 * rho * rho / oneMinus);
    }

    private static double[] RowSquares(Tensor t)
    {
        var result = new double[t.Rows];
        for (var i = 0; i < t.Rows; i++)
        {
            var row = t.Row(i);
            double s = 0;
            foreach (var v in row) s += v * v;
            result[i] = s;
        }
        return result;
    }

    private static void RequireRho(double rho)
    {
        if (!(rho > -1 && rho < 1))
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be in (-1, 1)");
    }
}
