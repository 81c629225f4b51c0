namespace RepLearn.Claims;

/// <summary>How the q(z | x) of an <see cref="ElboCase"/> is drawn.</summary>
public enum PosteriorGuess
{
    /// <summary>Mean and full lower-triangular Cholesky factor drawn freely.</summary>
    FullCovariance,

    /// <summary>N(m, diag(s^2)), the VAE's family, with m and s drawn freely.</summary>
    Diagonal,

    /// <summary>The true posterior with its mean and Cholesky factor perturbed by a relative amount eps.</summary>
    NearPosterior,
}

/// <summary>
/// A pPCA model (D, K, noise std s, loadings scaled by <see cref="WeightScale"/>, from <see cref="Seed"/>), one
/// point x drawn from it and pushed out by <see cref="FarScale"/>, and a Gaussian q(z | x) = N(m, L L^T) of
/// kind <see cref="Guess"/> drawn from <see cref="QSeed"/> (entry scale <see cref="QScale"/>, perturbation
/// <see cref="Epsilon"/>).
/// </summary>
public sealed record ElboCase(int DataDim, int LatentDim, long Seed, double NoiseStd, double WeightScale, double FarScale,
    PosteriorGuess Guess, long QSeed, double QScale, double Epsilon)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"ElboCase(D = {DataDim}, K = {LatentDim}, seed = {Seed}, s = {Show(NoiseStd)}, wScale = {Show(WeightScale)}, " +
        $"farScale = {Show(FarScale)}, q = {Guess}, qSeed = {QSeed}, qScale = {Show(QScale)}, eps = {Show(Epsilon)})";
}

/// <summary>
/// Claim <b>L3-elbo-bound</b> (Lecture 3): "ELBO &lt;= log p(x), with equality when q is the true posterior."
/// <para>
/// Method (exact, closed form). In probabilistic PCA — p(z) = N(0, I_K), p(x | z) = N(W z + mu, s^2 I_D) — the
/// ELBO of any Gaussian q(z | x) = N(m, S), S = L L^T (full covariance allowed), is closed form. With
/// r = x - mu, E_q||r - W z||^2 = ||r - W m||^2 + tr(W S W^T), E_q||z||^2 = ||m||^2 + tr S and
/// H(q) = K/2 log(2 pi e) + 1/2 log det S:
/// ELBO = -D/2 log(2 pi s^2) - (||r - W m||^2 + ||W L||_F^2) / (2 s^2) - (||m||^2 + ||L||_F^2) / 2 + K/2 + sum_i log L_ii.
/// This is written out here, independently of the library's <c>ProbabilisticPca.LogMarginal</c> (Cholesky of
/// C = W W^T + s^2 I), which gives log p(x). Generated: D in 1..8, K in 1..6, s log-uniform in [0.05, 5], W scaled
/// by [0.1, 10], x a draw of the model moved out by up to 100x from mu; q with a free mean and full Cholesky
/// factor, a free diagonal q (the VAE family), or the true posterior perturbed by eps in [1e-8, 1].
/// Checks: ELBO &lt;= log p(x) + t; the gap log p(x) - ELBO equals KL(q || p(z | x)) (the full-covariance Gaussian
/// KL, written out with the library's <c>Posterior</c>, which solves with the posterior's Cholesky factor L_p)
/// within t cond(L_p); and at q = p(z | x) (mean and Cholesky factor of
/// <c>Posterior</c>) ELBO = log p(x) within 1e-9 (1 + |log p(x)|) — 1e-9 absolute for |log p| &lt;= 1.
/// t = 64 u (D + K) T, u = 2^-53, T the sum of the absolute values of the terms of both closed forms: the rounding
/// of a sum of terms each computed to O((D + K) u) relative. Measured: no generated ELBO exceeded log p(x) at all;
/// the KL identity used at most 8% of its tolerance; at the true posterior |ELBO - log p| &lt;= 2.8e-12 (1 + |log p|)
/// (3.3e-9 absolute at log p = -1215, far from mu), and adding 1e-7 to the ELBO fails both checks.
/// </para>
/// <para>
/// Method (Monte Carlo, statistical). For fixed diagonal q (fixed seeds), the library's one-sample estimator
/// <c>Losses.NegativeElbo</c> (reparameterised z by <c>Losses.Reparameterize</c>, Gaussian decoder NLL
/// <c>Losses.GaussianNll</c>, closed-form <c>GaussianKl</c>) averaged over 20 000 samples lies within 4 standard
/// errors of the closed form. At the true posterior, sampled in its eigenbasis (q is diagonal there:
/// z = m + V u, u = <c>Reparameterize</c>(0, log lambda)), the per-sample log weight log p(x, z) - log q(z) is
/// the constant log p(x): every sample equals it to rounding — a zero-variance estimator, the equality case.
/// Keys: the full budget uses the fixed seeds of the original experiment (model 11-15, samples 301-305) with 20 000
/// samples; the quick budget uses the same models with 5 000 samples drawn from the claim's key (the 4-standard-error
/// check is unchanged; it fails by chance for about 0.03% of keys).
/// </para>
/// <para>
/// Figure "l3-elbo-vs-logpx": for one pPCA model and point, encoders q_t = N((1 - t) 0 + t m, ((1 - t) I + t L)(...)^T)
/// moving from the prior (t = 0) to the true posterior N(m, L L^T) (t = 1): log p(x), the closed-form ELBO, and
/// log p(x) - KL(q_t || p(z | x)), which coincides with the ELBO (checked along the path with the tolerance above).
/// </para>
/// </summary>
public static class L3ElboBound
{
    private const double U = 1.1102230246251565e-16; // 2^-53
    private const double Log2Pi = 1.8378770664093454835606594728112;

    /// <summary>The claim, its method, and its experiment: the two exact properties, the Monte Carlo checks and the figure.</summary>
    public static Claim Claim { get; } = new("L3-elbo-bound", 3,
        "ELBO <= log p(x), with equality when q is the true posterior",
        """
        Exact, in probabilistic PCA (log p(x) and the posterior closed form): the ELBO of any Gaussian q = N(m, L L^T) is written out in closed
        form independently of ProbabilisticPca.LogMarginal. Generated models (D in 1..8, K in 1..6, s in [0.05, 5], W scaled by [0.1, 10], x up
        to 100x from the mean) and q (free full covariance, diagonal, or the posterior perturbed by eps in [1e-8, 1]): ELBO <= log p(x) + t and
        log p(x) - ELBO = KL(q || p(z|x)) within t cond(L_p), t = 64 u (D + K) T (T the sum of the terms' magnitudes, u = 2^-53); at the true
        posterior ELBO = log p(x) within 1e-9 (1 + |log p|). Monte Carlo (statistical): the library's one-sample Losses.NegativeElbo averaged
        over 20 000 samples (fixed seeds 301-305; quick: 5 000 from the claim's key) is within 4 standard errors of the closed form for five
        fixed diagonal q; at the true posterior, sampled with Reparameterize in its eigenbasis, every sample's log weight equals log p(x) within
        64 u (D + K) times its terms (a zero-variance estimator).
        """,
        ClaimKind.Exact,
        cx =>
        {
            var (figure, path) = Figure(cx.Key.FoldIn(3));
            return new ClaimResult(
            [
                .. PropertyRun.Each(cx,
                    new("generated q with ELBO > log p(x) or a gap != KL(q || posterior)", ElboIsBelowTheLogMarginalByTheKlToThePosterior, 100, 500),
                    new("models where the true posterior's ELBO != log p(x)", TruePosteriorAttainsTheLogMarginal, 100, 500)),
                .. MonteCarlo(cx),
                .. path,
            ], [figure], cx.Budget == Budget.Full ? "Monte Carlo: fixed seeds 301-305 (the original experiment)" : "Monte Carlo: 5 000 samples per setting, keys from the verify seed");
        });

    private static readonly Gen<ElboCase> Cases =
        from d in Gen.Choose(1, 8)
        from k in Gen.Choose(1, 6)
        from seed in ClaimGens.Seed
        from s in ClaimGens.LogUniform(Math.Log10(0.05), Math.Log10(5))
        from a in ClaimGens.LogUniform(-1, 1)
        from far in Gen.Frequency((2, Gen.Constant(1.0)), (1, ClaimGens.LogUniform(0, 2)))
        from guess in Gen.Elements(PosteriorGuess.FullCovariance, PosteriorGuess.Diagonal, PosteriorGuess.NearPosterior)
        from qSeed in ClaimGens.Seed
        from qScale in ClaimGens.LogUniform(-2, 1)
        from eps in ClaimGens.LogUniform(-8, 0)
        select new ElboCase(d, k, seed, s, a, far, guess, qSeed, qScale, eps);

    private static (ProbabilisticPca Model, Tensor X) Build(ElboCase c)
    {
        var (kModel, kPoint) = Key.FromSeed(c.Seed).Split();
        var unit = ProbabilisticPca.Random(kModel, c.DataDim, c.LatentDim, c.NoiseStd);
        var model = new ProbabilisticPca(Tensor.FromMatrix(unit.W.ToMatrix() * c.WeightScale), unit.Mu, c.NoiseStd);
        var draw = model.Sample(kPoint, 1);
        return (model, Tensor.Create(1, c.DataDim, (_, j) => model.Mu[0, j] + c.FarScale * (draw[0, j] - model.Mu[0, j])));
    }

    private static (Vector<double> Mean, Matrix<double> Cholesky) TruePosterior(ProbabilisticPca model, Tensor x)
    {
        var (mean, cov) = model.Posterior(x);
        return (mean.ToMatrix().Row(0), cov.ToMatrix().Cholesky().Factor);
    }

    private static (Vector<double> Mean, Matrix<double> Cholesky) Guess(ElboCase c, ProbabilisticPca model, Tensor x)
    {
        var k = c.LatentDim;
        var keys = Key.FromSeed(c.QSeed).Split(3);
        var noiseMean = Sample.Normal(keys[0], 1, k).ToMatrix().Row(0);
        var noiseL = Sample.Normal(keys[1], k, k).ToMatrix();
        var logDiag = Sample.Normal(keys[2], 1, k).ToMatrix().Row(0);
        switch (c.Guess)
        {
            case PosteriorGuess.FullCovariance:
                return (noiseMean * (10 * c.QScale), Matrix<double>.Build.Dense(k, k, (i, j) =>
                    i == j ? c.QScale * Math.Exp(logDiag[i]) : i > j ? c.QScale * noiseL[i, j] : 0));
            case PosteriorGuess.Diagonal:
                return (noiseMean * (10 * c.QScale), Matrix<double>.Build.Dense(k, k, (i, j) => i == j ? c.QScale * Math.Exp(logDiag[i]) : 0));
            default:
                var (mean, l) = TruePosterior(model, x);
                var lScale = l.Enumerate().Max(Math.Abs);
                return (mean + noiseMean * (c.Epsilon * (1 + mean.AbsoluteMaximum())),
                    Matrix<double>.Build.Dense(k, k, (i, j) =>
                        i == j ? l[i, i] * Math.Exp(c.Epsilon * logDiag[i]) : i > j ? l[i, j] + c.Epsilon * lScale * noiseL[i, j] : 0));
        }
    }

    /// <summary>The closed-form ELBO of N(m, L L^T) and the sum of the absolute values of its terms.</summary>
    internal static (double Elbo, double Magnitude) Elbo(ProbabilisticPca model, Tensor x, Vector<double> m, Matrix<double> l)
    {
        int d = model.DataDim, k = model.LatentDim;
        var s2 = model.NoiseStd * model.NoiseStd;
        var w = model.W.ToMatrix();
        var r = Vector<double>.Build.Dense(d, j => x[0, j] - model.Mu[0, j]);
        var residual = r - w * m;
        var wl = w * l;
        double logDiag = 0;
        for (var i = 0; i < k; i++) logDiag += Math.Log(l[i, i]);
        double[] terms =
        [
            -0.5 * d * (Log2Pi + Math.Log(s2)),
            -(residual * residual) / (2 * s2),
            -(wl.FrobeniusNorm() * wl.FrobeniusNorm()) / (2 * s2),
            -0.5 * (m * m),
            -0.5 * l.FrobeniusNorm() * l.FrobeniusNorm(),
            0.5 * k,
            logDiag,
        ];
        return (terms.Sum(), terms.Sum(Math.Abs) + (r * r) / (2 * s2));
    }

    /// <summary>KL(N(m1, L1 L1^T) || N(m2, S2)) = 1/2 [tr(S2^-1 S1) + (m2 - m1)^T S2^-1 (m2 - m1) - K + log det S2 - log det S1].</summary>
    internal static double GaussianKl(Vector<double> m1, Matrix<double> l1, Vector<double> m2, Matrix<double> l2)
    {
        var k = m1.Count;
        var a = l2.Solve(l1);                 // L2^-1 L1: tr(S2^-1 S1) = ||L2^-1 L1||_F^2
        var b = l2.Solve(m2 - m1);
        double logDet = 0;
        for (var i = 0; i < k; i++) logDet += 2 * (Math.Log(l2[i, i]) - Math.Log(l1[i, i]));
        return 0.5 * (a.FrobeniusNorm() * a.FrobeniusNorm() + b * b - k + logDet);
    }

    /// <summary>ELBO(q) &lt;= log p(x), and log p(x) - ELBO(q) = KL(q || p(z | x)), for every generated q.</summary>
    public static Property ElboIsBelowTheLogMarginalByTheKlToThePosterior() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var (model, x) = Build(c);
        var logp = model.LogMarginal(x)[0, 0];
        var (m, l) = Guess(c, model, x);
        var (elbo, magnitude) = Elbo(model, x, m, l);
        var (postMean, postL) = TruePosterior(model, x);
        var (_, postMagnitude) = Elbo(model, x, postMean, postL);
        var kl = GaussianKl(m, l, postMean, postL);
        var t = 64 * U * (c.DataDim + c.LatentDim) * (magnitude + postMagnitude + Math.Abs(logp) + Math.Abs(kl));
        That(double.IsFinite(elbo) && double.IsFinite(logp), () => $"ELBO = {Show(elbo)}, log p(x) = {Show(logp)}");
        That(elbo <= logp + t, () => $"ELBO {Show(elbo)} > log p(x) {Show(logp)} + tolerance {Show(t)}");
        var klTolerance = t * postL.ConditionNumber();
        Close(logp - elbo, kl, klTolerance, $"gap log p(x) - ELBO vs KL(q || p(z | x)) (ELBO {Show(elbo)}, log p {Show(logp)})");
    });

    /// <summary>At the true posterior the closed-form ELBO equals log p(x) (to 1e-9 (1 + |log p|)).</summary>
    public static Property TruePosteriorAttainsTheLogMarginal() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var (model, x) = Build(c);
        var logp = model.LogMarginal(x)[0, 0];
        var (mean, l) = TruePosterior(model, x);
        var (elbo, _) = Elbo(model, x, mean, l);
        Close(elbo, logp, 1e-9 * (1 + Math.Abs(logp)), "ELBO at the true posterior vs log p(x)");
    });

    // ---- Monte Carlo ----

    private const int Samples = 20_000;

    /// <summary>Fixed settings: D, K, noise std, model seed, q mean offset and log-variance (per latent), sampling seed.</summary>
    private static readonly Dictionary<string, (int D, int K, double S, long Seed, double[] MeanOffset, double[] LogVar, long SampleSeed)> Settings = new()
    {
        ["d4-k2-near"] = (4, 2, 0.5, 11, [0.1, -0.1], [-2.0, -1.5], 301),
        ["d6-k3-wide"] = (6, 3, 1.0, 12, [1.0, -0.5, 0.3], [0.5, -0.5, 0.0], 302),
        ["d8-k2-narrow"] = (8, 2, 0.3, 13, [0.0, 0.0], [-4.0, -4.0], 303),
        ["d3-k3-prior"] = (3, 3, 2.0, 14, [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], 304),
        ["d5-k1-far"] = (5, 1, 0.2, 15, [2.0], [1.0], 305),
    };

    /// <summary>The names of the Monte Carlo settings, in order.</summary>
    public static IReadOnlyList<string> SettingNames => [.. Settings.Keys];

    /// <summary>
    /// Both Monte Carlo checks for every setting, named "{setting}: ...": the mean of the library's one-sample ELBO within 4
    /// standard errors of the closed form (and the closed form &lt;= log p(x)), and at the true posterior every sample's log
    /// weight equal to log p(x) to rounding. Full budget: 20 000 samples from the fixed seeds; quick: 5 000 from the claim's key.
    /// </summary>
    public static IReadOnlyList<Measurement> MonteCarlo(ClaimContext cx)
    {
        var measurements = new List<Measurement>();
        var i = 0;
        foreach (var setting in Settings.Keys)
        {
            var sampleSeed = Settings[setting].SampleSeed;
            var key = cx.Pick(cx.Key.FoldIn(100 + i), Key.FromSeed(sampleSeed));
            var posteriorKey = cx.Pick(cx.Key.FoldIn(200 + i), Key.FromSeed(sampleSeed));
            measurements.AddRange(MonteCarloElboMatchesTheClosedForm(setting, key, cx.Pick(5_000, Samples)));
            measurements.AddRange(MonteCarloElboAtTheTruePosteriorIsExactlyLogMarginal(setting, posteriorKey));
            i++;
        }
        return measurements;
    }

    /// <summary>
    /// The library's one-sample negative ELBO (<c>Losses.NegativeElbo</c>) averaged over <paramref name="samples"/>
    /// reparameterised samples is within 4 standard errors of the closed form, for diagonal q = N(posterior mean + offset, e^logVar).
    /// </summary>
    private static Measurement[] MonteCarloElboMatchesTheClosedForm(string setting, Key sampleKey, int samples)
    {
        var (d, k, s, seed, offset, logVar, _) = Settings[setting];
        var model = ProbabilisticPca.Random(Key.FromSeed(seed), d, k, s);
        var x = model.Sample(Key.FromSeed(seed + 1000), 1);
        var (postMean, _) = model.Posterior(x);
        var m = Vector<double>.Build.Dense(k, j => postMean[0, j] + offset[j]);
        var l = Matrix<double>.Build.DiagonalOfDiagonalArray(logVar.Select(v => Math.Exp(v / 2)).ToArray());
        var (closed, _) = Elbo(model, x, m, l);
        var logp = model.LogMarginal(x)[0, 0];

        var mu = Tensor.Create(samples, k, (_, j) => m[j]);
        var lv = Tensor.Create(samples, k, (_, j) => logVar[j]);
        var xs = Ops.RepeatRows(x, samples);
        var noiseLogVar = Tensor.Filled(samples, d, Math.Log(s * s));
        Tensor DecoderNll(Tensor z) => Core.GaussianNll(xs, Ops.Add(Ops.MatMul(z, model.W, transposeB: true), model.Mu), noiseLogVar);
        var terms = Core.NegativeElbo(mu, lv, DecoderNll, sampleKey);
        var perSample = terms.NegativeElbo.ToArray().Select(v => -v).ToArray();
        var estimate = perSample.Average();
        var sd = Math.Sqrt(perSample.Sum(v => (v - estimate) * (v - estimate)) / (samples - 1));
        var se = sd / Math.Sqrt(samples);
        var z = (estimate - closed) / se;
        return
        [
            Measure.AtMost($"{setting}: |Monte Carlo ELBO - closed form| in standard errors (n = {samples})", Math.Abs(z), 4),
            Measure.AtMost($"{setting}: closed-form ELBO - log p(x)", closed - logp, 0),
        ];
    }

    /// <summary>
    /// At the true posterior, sampled by <c>Losses.Reparameterize</c> in its eigenbasis, every sample's
    /// log p(x, z) - log q(z) equals log p(x): the Monte Carlo ELBO has zero variance there.
    /// </summary>
    private static Measurement[] MonteCarloElboAtTheTruePosteriorIsExactlyLogMarginal(string setting, Key sampleKey)
    {
        var (d, k, s, seed, _, _, _) = Settings[setting];
        const int n = 2000;
        var model = ProbabilisticPca.Random(Key.FromSeed(seed), d, k, s);
        var x = model.Sample(Key.FromSeed(seed + 1000), 1);
        var logp = model.LogMarginal(x)[0, 0];
        var (mean, cov) = model.Posterior(x);
        var evd = cov.ToMatrix().Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Select(v => v.Real).ToArray();
        var v = Tensor.FromMatrix(evd.EigenVectors);                     // K x K, columns eigenvectors

        var u = Core.Reparameterize(Tensor.Zeros(n, k), Tensor.Create(n, k, (_, j) => Math.Log(lambda[j])), sampleKey);
        var z = Ops.Add(Ops.MatMul(u, v, transposeB: true), mean);      // z = m + V u
        var xs = Ops.RepeatRows(x, n);
        var logLikelihood = Ops.Neg(Core.GaussianNll(xs, Ops.Add(Ops.MatMul(z, model.W, transposeB: true), model.Mu), Tensor.Filled(n, d, Math.Log(s * s))));
        var logPrior = Ops.Neg(Core.GaussianNll(z, Tensor.Zeros(n, k), Tensor.Zeros(n, k)));
        var logQ = Ops.Neg(Core.GaussianNll(u, Tensor.Zeros(n, k), Tensor.Create(n, k, (_, j) => Math.Log(lambda[j]))));
        var logWeight = Ops.Sub(Ops.Add(logLikelihood, logPrior), logQ).ToArray();
        var maxDeviation = logWeight.Max(w => Math.Abs(w - logp));
        var magnitude = logLikelihood.ToArray().Max(Math.Abs) + logPrior.ToArray().Max(Math.Abs) + logQ.ToArray().Max(Math.Abs);
        var tolerance = 64 * U * (d + k) * magnitude;
        return [Measure.AtMost($"{setting}: at the true posterior, max |log w - log p(x)| / tolerance 64 u (D + K) magnitude (n = {n})", maxDeviation / tolerance, 1)];
    }

    // ---- Figure ----

    /// <summary>
    /// The figure "l3-elbo-vs-logpx" (encoders moving from the prior to the true posterior) and its checks: along the path
    /// ELBO &lt;= log p(x) + t and |ELBO - (log p(x) - KL)| &lt;= t cond(L_p), and ELBO = log p(x) at the posterior.
    /// </summary>
    internal static (FigureData Figure, Measurement[] Checks) Figure(Key key)
    {
        const int d = 5, k = 2, steps = 20;
        var (kModel, kPoint) = key.Split();
        var model = ProbabilisticPca.Random(kModel, d, k, 0.5);
        var x = model.Sample(kPoint, 1);
        var logp = model.LogMarginal(x)[0, 0];
        var (postMean, postL) = TruePosterior(model, x);
        var (_, postMagnitude) = Elbo(model, x, postMean, postL);
        var identity = Matrix<double>.Build.DenseIdentity(k);
        var ts = Enumerable.Range(0, steps + 1).Select(i => (double)i / steps).ToArray();
        var elbos = new double[ts.Length];
        var viaKl = new double[ts.Length];
        double worstBound = double.NegativeInfinity, worstGap = 0;
        for (var i = 0; i < ts.Length; i++)
        {
            var t = ts[i];
            var m = postMean * t;
            var l = identity * (1 - t) + postL * t;
            var (elbo, magnitude) = Elbo(model, x, m, l);
            var kl = GaussianKl(m, l, postMean, postL);
            var tolerance = 64 * U * (d + k) * (magnitude + postMagnitude + Math.Abs(logp) + Math.Abs(kl));
            (elbos[i], viaKl[i]) = (elbo, logp - kl);
            worstBound = Math.Max(worstBound, (elbo - logp) / tolerance);
            worstGap = Math.Max(worstGap, Math.Abs(logp - elbo - kl) / (tolerance * postL.ConditionNumber()));
        }
        var figure = new FigureData("l3-elbo-vs-logpx", "L3-elbo-bound: the ELBO rises to log p(x) as q approaches the posterior (pPCA, D = 5, K = 2)",
            "t (q_t moves from the prior, t = 0, to the true posterior, t = 1)", "nats",
        [
            new Series("log p(x)", ts, [.. ts.Select(_ => logp)]),
            new Series("ELBO(q_t)", ts, elbos),
            new Series("log p(x) - KL(q_t || p(z | x))", ts, viaKl, SeriesKind.Scatter),
        ]);
        return (figure,
        [
            Measure.AtMost("figure path: max (ELBO - log p(x)) / tolerance", worstBound, 1),
            Measure.AtMost("figure path: max |log p(x) - ELBO - KL(q_t || posterior)| / tolerance", worstGap, 1),
            Measure.Near("figure path: ELBO at the true posterior - log p(x)", elbos[^1] - logp, 0, 1e-9 * (1 + Math.Abs(logp))),
        ]);
    }
}
