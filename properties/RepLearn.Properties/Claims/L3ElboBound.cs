using RepLearn.Claims;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;
using Xunit.Abstractions;
using static RepLearn.Claims.ClaimCheck;
using Core = RepLearn.Functional.Objectives.Losses;

namespace RepLearn.Properties.Claims;

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
/// </para>
/// </summary>
public class L3ElboBound(ITestOutputHelper output)
{
    private const double U = 1.1102230246251565e-16; // 2^-53
    private const double Log2Pi = 1.8378770664093454835606594728112;

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
    [Property(Replay = "(1414213562,3730950489)", MaxTest = 500)]
    public Property ElboIsBelowTheLogMarginalByTheKlToThePosterior() => Prop.ForAll(Cases.ToArbitrary(), c =>
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
    [Property(Replay = "(1732050807,5688772935)", MaxTest = 500)]
    public Property TruePosteriorAttainsTheLogMarginal() => Prop.ForAll(Cases.ToArbitrary(), c =>
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

    /// <summary>Names of the Monte Carlo settings.</summary>
    public static TheoryData<string> SettingNames => new(Settings.Keys);

    /// <summary>
    /// The library's one-sample negative ELBO (<c>Losses.NegativeElbo</c>) averaged over 20 000 reparameterised
    /// samples is within 4 standard errors of the closed form, for diagonal q = N(posterior mean + offset, e^logVar).
    /// </summary>
    [Theory]
    [MemberData(nameof(SettingNames))]
    public void MonteCarloElboMatchesTheClosedForm(string setting)
    {
        var (d, k, s, seed, offset, logVar, sampleSeed) = Settings[setting];
        var model = ProbabilisticPca.Random(Key.FromSeed(seed), d, k, s);
        var x = model.Sample(Key.FromSeed(seed + 1000), 1);
        var (postMean, _) = model.Posterior(x);
        var m = Vector<double>.Build.Dense(k, j => postMean[0, j] + offset[j]);
        var l = Matrix<double>.Build.DiagonalOfDiagonalArray(logVar.Select(v => Math.Exp(v / 2)).ToArray());
        var (closed, _) = Elbo(model, x, m, l);
        var logp = model.LogMarginal(x)[0, 0];

        var mu = Tensor.Create(Samples, k, (_, j) => m[j]);
        var lv = Tensor.Create(Samples, k, (_, j) => logVar[j]);
        var xs = Ops.RepeatRows(x, Samples);
        var noiseLogVar = Tensor.Filled(Samples, d, Math.Log(s * s));
        Tensor DecoderNll(Tensor z) => Core.GaussianNll(xs, Ops.Add(Ops.MatMul(z, model.W, transposeB: true), model.Mu), noiseLogVar);
        var terms = Core.NegativeElbo(mu, lv, DecoderNll, Key.FromSeed(sampleSeed));
        var perSample = terms.NegativeElbo.ToArray().Select(v => -v).ToArray();
        var estimate = perSample.Average();
        var sd = Math.Sqrt(perSample.Sum(v => (v - estimate) * (v - estimate)) / (Samples - 1));
        var se = sd / Math.Sqrt(Samples);
        var z = (estimate - closed) / se;
        output.WriteLine(
            $"L3-elbo-bound MC {setting} (seed {sampleSeed}, n = {Samples}): closed-form ELBO {closed:R}, Monte Carlo {estimate:R} " +
            $"(SE {se:E3}), {z:F2} standard errors; log p(x) {logp:R}, gap {logp - closed:E3}");
        That(Math.Abs(z) <= 4, () => $"{setting}: Monte Carlo ELBO {Show(estimate)} is {z:F2} standard errors from the closed form {Show(closed)}");
        That(closed <= logp, () => $"{setting}: closed-form ELBO {Show(closed)} > log p(x) {Show(logp)}");
    }

    /// <summary>
    /// At the true posterior, sampled by <c>Losses.Reparameterize</c> in its eigenbasis, every sample's
    /// log p(x, z) - log q(z) equals log p(x): the Monte Carlo ELBO has zero variance there.
    /// </summary>
    [Theory]
    [MemberData(nameof(SettingNames))]
    public void MonteCarloElboAtTheTruePosteriorIsExactlyLogMarginal(string setting)
    {
        var (d, k, s, seed, _, _, sampleSeed) = Settings[setting];
        const int n = 2000;
        var model = ProbabilisticPca.Random(Key.FromSeed(seed), d, k, s);
        var x = model.Sample(Key.FromSeed(seed + 1000), 1);
        var logp = model.LogMarginal(x)[0, 0];
        var (mean, cov) = model.Posterior(x);
        var evd = cov.ToMatrix().Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Select(v => v.Real).ToArray();
        var v = Tensor.FromMatrix(evd.EigenVectors);                     // K x K, columns eigenvectors

        var u = Core.Reparameterize(Tensor.Zeros(n, k), Tensor.Create(n, k, (_, j) => Math.Log(lambda[j])), Key.FromSeed(sampleSeed));
        var z = Ops.Add(Ops.MatMul(u, v, transposeB: true), mean);      // z = m + V u
        var xs = Ops.RepeatRows(x, n);
        var logLikelihood = Ops.Neg(Core.GaussianNll(xs, Ops.Add(Ops.MatMul(z, model.W, transposeB: true), model.Mu), Tensor.Filled(n, d, Math.Log(s * s))));
        var logPrior = Ops.Neg(Core.GaussianNll(z, Tensor.Zeros(n, k), Tensor.Zeros(n, k)));
        var logQ = Ops.Neg(Core.GaussianNll(u, Tensor.Zeros(n, k), Tensor.Create(n, k, (_, j) => Math.Log(lambda[j]))));
        var logWeight = Ops.Sub(Ops.Add(logLikelihood, logPrior), logQ).ToArray();
        var maxDeviation = logWeight.Max(w => Math.Abs(w - logp));
        var magnitude = logLikelihood.ToArray().Max(Math.Abs) + logPrior.ToArray().Max(Math.Abs) + logQ.ToArray().Max(Math.Abs);
        var tolerance = 64 * U * (d + k) * magnitude;
        output.WriteLine($"L3-elbo-bound posterior MC {setting}: log p(x) {logp:R}, mean log weight {logWeight.Average():R}, " +
            $"max |log w - log p(x)| {maxDeviation:E3} over {n} samples (tolerance {tolerance:E3})");
        That(maxDeviation <= tolerance, () => $"{setting}: a sample's log weight is {Show(maxDeviation)} from log p(x) (tolerance {Show(tolerance)})");
    }
}
