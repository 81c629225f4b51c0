using MathNet.Numerics.LinearAlgebra;

namespace RepLearn.Functional.Data;

/// <summary>
/// Probabilistic PCA (Tipping and Bishop 1999, "Probabilistic principal component analysis"), the
/// linear-Gaussian latent variable model x = W z + mu + eps, z ~ N(0, I_K), eps ~ N(0, s^2 I_D),
/// with W D x K. Everything a VAE approximates is closed form here: the marginal
/// p(x) = N(x; mu, C), C = W W^T + s^2 I_D, and the posterior p(z | x) = N(M^-1 W^T (x - mu), s^2 M^-1),
/// M = W^T W + s^2 I_K. So the ELBO can be compared with log p(x) exactly (ELBO &lt;= log p(x), equality
/// at q = p(z | x)), and p(x) is unchanged by W -&gt; W Q for orthogonal Q (the latent axes are not identifiable).
/// Data points are rows: an n x D tensor holds n points.
/// </summary>
/// <example><code>
/// var model = ProbabilisticPca.Random(Key.FromSeed(7), dataDim: 10, latentDim: 2, noiseStd: 0.5);
/// var x = model.Sample(Key.FromSeed(8), 100);        // 100 x 10
/// var logp = model.LogMarginal(x);                     // 100 x 1
/// var (mean, cov) = model.Posterior(x);                // 100 x 2, 2 x 2
/// </code></example>
public sealed class ProbabilisticPca
{
    /// <summary>The loading matrix W (D x K).</summary>
    public Tensor W { get; }

    /// <summary>The mean mu (1 x D).</summary>
    public Tensor Mu { get; }

    /// <summary>The observation noise standard deviation s &gt; 0.</summary>
    public double NoiseStd { get; }

    /// <summary>Data dimension D.</summary>
    public int DataDim => W.Rows;

    /// <summary>Latent dimension K.</summary>
    public int LatentDim => W.Cols;

    /// <summary>The model with loadings W (D x K), mean mu (1 x D) and noise std s &gt; 0.</summary>
    public ProbabilisticPca(Tensor w, Tensor mu, double noiseStd)
    {
        if (w.Rows < 1 || w.Cols < 1) throw new ArgumentException($"W must be non-empty, got {w.ShapeString}", nameof(w));
        if (!w.AllFinite()) throw new ArgumentException("W must be finite", nameof(w));
        if (mu.Rows != 1 || mu.Cols != w.Rows)
            throw new ArgumentException($"mu must be 1x{w.Rows}, got {mu.ShapeString}", nameof(mu));
        if (!mu.AllFinite()) throw new ArgumentException("mu must be finite", nameof(mu));
        if (!(noiseStd > 0) || double.IsPositiveInfinity(noiseStd))
            throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "noise std must be finite and > 0");
        W = w.Detach();
        Mu = mu.Detach();
        NoiseStd = noiseStd;
    }

    /// <summary>
    /// A random model: W_ij ~ N(0, 1), mu_j ~ N(0, 1) from the two children of <paramref name="key"/>.
    /// </summary>
    [Pure]
    public static ProbabilisticPca Random(Key key, int dataDim, int latentDim, double noiseStd)
    {
        if (dataDim < 1) throw new ArgumentOutOfRangeException(nameof(dataDim), dataDim, "must be >= 1");
        if (latentDim < 1) throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, "must be >= 1");
        var (kw, kmu) = key.Split();
        return new ProbabilisticPca(Keys.Sample.Normal(kw, dataDim, latentDim), Keys.Sample.Normal(kmu, 1, dataDim), noiseStd);
    }

    /// <summary>
    /// n draws from the joint: Z ~ N(0, I_K) (n x K), X = Z W^T + mu + s Eps (n x D), with Z and Eps
    /// from the two children of <paramref name="key"/>.
    /// </summary>
    [Pure]
    public (Tensor Z, Tensor X) SampleJoint(Key key, int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 0");
        var (kz, ke) = key.Split();
        var z = Keys.Sample.Normal(kz, n, LatentDim);
        var noise = Keys.Sample.Normal(ke, n, DataDim).Span;
        var x = Gemm.Multiply(z.Buffer, false, W.Buffer, true, n, LatentDim, DataDim);
        var mu = Mu.Span;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < DataDim; j++)
                x[i * DataDim + j] += mu[j] + NoiseStd * noise[i * DataDim + j];
        return (z, Tensor.Wrap(n, DataDim, x));
    }

    /// <summary>n draws of x from the marginal N(mu, W W^T + s^2 I) (the X of <see cref="SampleJoint"/>). Result n x D.</summary>
    [Pure]
    public Tensor Sample(Key key, int n) => SampleJoint(key, n).X;

    /// <summary>The marginal covariance C = W W^T + s^2 I_D (D x D).</summary>
    [Pure]
    public Tensor Covariance() => Tensor.FromMatrix(CovarianceMatrix());

    /// <summary>
    /// log p(x) per row = log N(x; mu, C) = -1/2 [ D log(2 pi) + log det C + (x - mu)^T C^-1 (x - mu) ],
    /// C = W W^T + s^2 I, via the Cholesky factor C = L L^T: log det C = 2 sum_i log L_ii and
    /// C^-1 (x - mu) by two triangular solves. Result n x 1.
    /// </summary>
    [Pure]
    public Tensor LogMarginal(Tensor x)
    {
        RequireData(x);
        var cholesky = CovarianceMatrix().Cholesky();
        var lower = cholesky.Factor;
        double logDet = 0;
        for (var i = 0; i < DataDim; i++) logDet += 2 * Math.Log(lower[i, i]);
        var centred = Centred(x);                                   // D x n, one point per column
        var solved = cholesky.Solve(centred);                       // C^-1 (x - mu)
        var constant = -0.5 * (DataDim * Math.Log(2 * Math.PI) + logDet);
        return Tensor.Create(x.Rows, 1, (i, _) => constant - 0.5 * centred.Column(i).DotProduct(solved.Column(i)));
    }

    /// <summary>
    /// The exact posterior p(z | x) = N(mean, cov) (Tipping and Bishop 1999, eq. 6-7):
    /// M = W^T W + s^2 I_K, mean = M^-1 W^T (x - mu) per row (n x K), cov = s^2 M^-1 (K x K, shared by all x).
    /// </summary>
    [Pure]
    public (Tensor Mean, Tensor Covariance) Posterior(Tensor x)
    {
        RequireData(x);
        var w = W.ToMatrix();
        var m = w.TransposeThisAndMultiply(w) + Matrix<double>.Build.DenseIdentity(LatentDim) * (NoiseStd * NoiseStd);
        var cholesky = m.Cholesky();
        var mean = cholesky.Solve(w.TransposeThisAndMultiply(Centred(x)));  // K x n
        var covariance = cholesky.Solve(Matrix<double>.Build.DenseIdentity(LatentDim)) * (NoiseStd * NoiseStd);
        covariance = (covariance + covariance.Transpose()) * 0.5;           // exactly symmetric
        return (Tensor.FromMatrix(mean.Transpose()), Tensor.FromMatrix(covariance));
    }

    private Matrix<double> CovarianceMatrix()
    {
        var w = W.ToMatrix();
        return w.TransposeAndMultiply(w) + Matrix<double>.Build.DenseIdentity(DataDim) * (NoiseStd * NoiseStd);
    }

    // (x - mu)^T as a D x n matrix.
    private Matrix<double> Centred(Tensor x)
    {
        var mu = Mu.Span.ToArray();
        return Matrix<double>.Build.Dense(DataDim, x.Rows, (j, i) => x[i, j] - mu[j]);
    }

    private void RequireData(Tensor x)
    {
        if (x.Cols != DataDim) throw new ArgumentException($"x must have {DataDim} columns, got {x.ShapeString}", nameof(x));
    }
}
