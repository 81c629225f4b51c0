namespace RepLearn.Claims;

/// <summary>
/// A pPCA model and a latent rotation: W (D x K) = <see cref="WeightScale"/> N(0, 1) and mu from
/// <see cref="Seed"/>, noise std s; Q (K x K) orthogonal — the Q factor of the QR of a Gaussian matrix
/// from <see cref="RotationSeed"/> (with its first column negated when <see cref="Reflect"/>, so both
/// determinants occur), or, when <see cref="SignedPermutation"/>, the exact signed permutation built
/// from the same seed; points: <see cref="Points"/> draws of the model, the last one pushed out by
/// <see cref="FarScale"/> from mu.
/// </summary>
public sealed record RotationCase(int DataDim, int LatentDim, long Seed, double NoiseStd, double WeightScale,
    long RotationSeed, bool Reflect, bool SignedPermutation, int Points, double FarScale)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"RotationCase(D = {DataDim}, K = {LatentDim}, seed = {Seed}, s = {Show(NoiseStd)}, wScale = {Show(WeightScale)}, " +
        $"rotationSeed = {RotationSeed}, reflect = {Reflect}, signedPermutation = {SignedPermutation}, points = {Points}, farScale = {Show(FarScale)})";
}

/// <summary>
/// Claim <b>L3-rotation</b> (Lecture 3): "With an isotropic prior, rotating the latent space (decoder
/// composed with an orthogonal Q) leaves the marginal likelihood unchanged: the latent axes are not
/// identifiable without more assumptions."
/// <para>
/// Method (exact, pPCA closed form). In probabilistic PCA x = W z + mu + eps, z ~ N(0, I_K),
/// eps ~ N(0, s^2 I_D), the marginal is N(mu, W W^T + s^2 I); replacing W by W Q with Q^T Q = I gives
/// (W Q)(W Q)^T = W W^T, so p(x) cannot tell W from W Q. Generated models: D in 1..8, K in 1..8 (K &gt; D
/// allowed), W = a N(0, 1) with a log-uniform in [1e-2, 1e2], s log-uniform in [1e-2, 10], mu ~ N(0, 1).
/// Generated Q: Haar-like (QR of a Gaussian matrix, determinant +1 or -1) or an exact signed permutation.
/// Points: 1..5 draws of the model, the last one moved out to mu + (x - mu) c with c up to 1e3 (far tail).
/// Both log p(x) are the library's <c>ProbabilisticPca.LogMarginal</c> (Cholesky of C).
/// Tolerance, from first-order perturbation of log N(x; mu, C): C is formed with a rounding error
/// ||dC|| &lt;= e = 16 u (K + D) (||W||_F^2 + s^2) (u = 2^-53; forming W Q, the products, and Cholesky's
/// backward error), and |d log p| &lt;= 1/2 (D + m) ||C^-1|| e with ||C^-1|| &lt;= 1/s^2 and m the Mahalanobis
/// term (x - mu)^T C^-1 (x - mu) (measured: at most 14% of it is used; W Q scaled by 1 + 1e-7 fails). The check also covers the other half of the statement: the posterior
/// moves with the rotation, p_WQ(z | x) = N(Q^T m, Q^T S Q) when p_W(z | x) = N(m, S) — the same data, a
/// different code — within 64 u (K + D) cond(M) relative to the posterior's scale, M = W^T W + s^2 I the
/// matrix the posterior solves with (cond(M) reaches ~1e9 here when K &gt; D and s is small).
/// </para>
/// </summary>
public static class L3Rotation
{
    /// <summary>The claim, its method, and its experiment: the two properties below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L3-rotation", 3,
        """
        With an isotropic prior, rotating the latent space (decoder composed with an orthogonal Q) leaves the marginal likelihood unchanged: the
        latent axes are not identifiable without more assumptions
        """,
        """
        Exact, pPCA closed form: the marginal is N(mu, W W^T + s^2 I) and (W Q)(W Q)^T = W W^T. Generated models (D, K in 1..8, K > D allowed, W
        = a N(0, 1) with a in [1e-2, 1e2], s in [1e-2, 10]), Q from the QR of a Gaussian matrix (either determinant) or an exact signed
        permutation, points up to 1e3 times further out: ProbabilisticPca.LogMarginal under W and W Q agrees within the first-order rounding
        bound 1/2 (D + Mahalanobis) e / s^2, e = 16 u (K + D)(||W||_F^2 + s^2) (u = 2^-53; at most 14% of it used, W Q scaled by 1 + 1e-7 fails).
        The posterior moves with the rotation, N(Q^T m, Q^T S Q), within 64 u (K + D) cond(W^T W + s^2 I) of its scale.
        """,
        new("points whose log p(x) changes under W -> W Q", MarginalLikelihoodIsInvariantToLatentRotation, 60, 300),
        new("posteriors that do not rotate with the latent space", PosteriorRotatesWithTheLatentSpace, 60, 300));

    private static readonly Gen<RotationCase> Cases =
        from d in Gen.Choose(1, 8)
        from k in Gen.Choose(1, 8)
        from seed in ClaimGens.Seed
        from s in ClaimGens.LogUniform(-2, 1)
        from a in ClaimGens.LogUniform(-2, 2)
        from qSeed in ClaimGens.Seed
        from reflect in Gen.Elements(true, false)
        from signedPermutation in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from n in Gen.Choose(1, 5)
        from far in Gen.Frequency((1, Gen.Constant(1.0)), (2, ClaimGens.LogUniform(0, 3)))
        select new RotationCase(d, k, seed, s, a, qSeed, reflect, signedPermutation, n, far);

    internal static Matrix<double> Orthogonal(long seed, int k, bool reflect, bool signedPermutation)
    {
        var key = Key.FromSeed(seed);
        if (signedPermutation)
        {
            var (kp, ks) = key.Split();
            var perm = Sample.Permutation(kp, k);
            var signs = Sample.Uniform(ks, 1, k);
            return Matrix<double>.Build.Dense(k, k, (r, c) => perm[r] == c ? (signs[0, r] < 0.5 ? -1.0 : 1.0) : 0.0);
        }
        var q = Sample.Normal(key, k, k).ToMatrix().QR().Q;
        if (reflect) q.SetColumn(0, -q.Column(0));
        return q;
    }

    private static (ProbabilisticPca Model, ProbabilisticPca Rotated, Matrix<double> Q, Tensor X) Build(RotationCase c)
    {
        var (kModel, kPoints) = Key.FromSeed(c.Seed).Split();
        var unit = ProbabilisticPca.Random(kModel, c.DataDim, c.LatentDim, c.NoiseStd);
        var model = new ProbabilisticPca(Tensor.FromMatrix(unit.W.ToMatrix() * c.WeightScale), unit.Mu, c.NoiseStd);
        var q = Orthogonal(c.RotationSeed, c.LatentDim, c.Reflect, c.SignedPermutation);
        var rotated = new ProbabilisticPca(Tensor.FromMatrix(model.W.ToMatrix() * q), model.Mu, c.NoiseStd);
        var draws = model.Sample(kPoints, c.Points);
        var x = Tensor.Create(c.Points, c.DataDim, (i, j) =>
            i == c.Points - 1 ? model.Mu[0, j] + c.FarScale * (draws[i, j] - model.Mu[0, j]) : draws[i, j]);
        return (model, rotated, q, x);
    }

    /// <summary>log p(x) under W Q equals log p(x) under W, for every generated model, Q and point.</summary>
    public static Property MarginalLikelihoodIsInvariantToLatentRotation() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var (model, rotated, q, x) = Build(c);
        var logp = model.LogMarginal(x);
        var logpRotated = rotated.LogMarginal(x);
        var w = model.W.ToMatrix();
        var s2 = c.NoiseStd * c.NoiseStd;
        var e = 16 * Math.Pow(2, -53) * (c.LatentDim + c.DataDim) * (w.FrobeniusNorm() * w.FrobeniusNorm() + s2);
        var cInverse = model.Covariance().ToMatrix().Inverse();
        for (var i = 0; i < x.Rows; i++)
        {
            var r = Vector<double>.Build.Dense(c.DataDim, j => x[i, j] - model.Mu[0, j]);
            var mahalanobis = r * (cInverse * r);
            var tolerance = 0.5 * (c.DataDim + mahalanobis) * e / s2;
            That(double.IsFinite(logp[i, 0]), () => $"point {i}: log p(x) = {Show(logp[i, 0])}");
            Close(logpRotated[i, 0], logp[i, 0], tolerance,
                $"point {i}: log p under W Q vs under W (det Q = {Show(q.Determinant())}, Mahalanobis {Show(mahalanobis)})");
        }
    });

    /// <summary>The posterior moves with the rotation: mean -&gt; Q^T mean, covariance -&gt; Q^T S Q.</summary>
    public static Property PosteriorRotatesWithTheLatentSpace() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var (model, rotated, q, x) = Build(c);
        var (mean, cov) = model.Posterior(x);
        var (meanRotated, covRotated) = rotated.Posterior(x);
        var expectedMean = mean.ToMatrix() * q;              // rows: (Q^T m)^T = m^T Q
        var expectedCov = q.Transpose() * cov.ToMatrix() * q;
        var w = model.W.ToMatrix();
        var m = w.TransposeThisAndMultiply(w) + Matrix<double>.Build.DenseIdentity(c.LatentDim) * (c.NoiseStd * c.NoiseStd);
        var relTol = 64 * Math.Pow(2, -53) * (c.LatentDim + c.DataDim) * m.ConditionNumber();
        var meanScale = 1 + expectedMean.Enumerate().Max(Math.Abs);
        var covScale = cov.ToMatrix().Enumerate().Max(Math.Abs);
        var meanDiff = (meanRotated.ToMatrix() - expectedMean).Enumerate().Max(Math.Abs);
        var covDiff = (covRotated.ToMatrix() - expectedCov).Enumerate().Max(Math.Abs);
        That(meanDiff <= relTol * meanScale, () => $"posterior mean: max |m' - Q^T m| = {Show(meanDiff)} > {Show(relTol)} * {Show(meanScale)}");
        That(covDiff <= relTol * covScale, () => $"posterior covariance: max |S' - Q^T S Q| = {Show(covDiff)} > {Show(relTol)} * {Show(covScale)}");
    });
}
