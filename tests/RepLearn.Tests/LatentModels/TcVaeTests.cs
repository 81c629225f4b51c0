using Xunit;
using Xunit.Abstractions;
using static RepLearn.Tests.LatentModels.VaeFixtures;

namespace RepLearn.Tests.LatentModels;

using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Objectives;
using RepLearn.Functional.Tensors;
using CoreVae = RepLearn.Functional.Models.Vae;

/// <summary>
/// Chen et al.'s KL decomposition and the beta-TCVAE loss (<see cref="Losses.KlDecomposition"/>, <see cref="TcVae"/>).
/// With the batch as the whole data set (M = N) the aggregate posterior is the finite mixture
/// q(z) = (1/N) sum_j q(z | n_j), so log q(z_i) and log q(z_ik) are known exactly; the tests compute them by brute
/// force. The stratified estimator then gives every weight 1/N and is exact; minibatch-weighted sampling weights every
/// member 1/(N M) = 1/N^2, i.e. it is the exact value minus log N, so its MI is shifted by +log N, its TC by
/// +(d - 1) log N and its dimension-wise KL by -d log N (the shifts cancel in the sum and in gradients).
/// </summary>
public sealed class TcVaeTests(ITestOutputHelper output)
{
    private const int N = 6, D = 3;

    /// <summary>Per sample, MI + TC + dimension-wise KL = log q(z | n) - log p(z), the one-sample KL estimate (to 1e-12).</summary>
    [Theory]
    [InlineData(AggregatePosteriorEstimator.MinibatchWeighted, 1000)]
    [InlineData(AggregatePosteriorEstimator.MinibatchStratified, 1000)]
    [InlineData(AggregatePosteriorEstimator.MinibatchStratified, N)]
    public void The_parts_sum_to_the_one_sample_kl(AggregatePosteriorEstimator estimator, int datasetSize)
    {
        var (mu, logVar, eps, z) = Batch(1);
        var parts = Losses.KlDecomposition(z, eps, mu, logVar, datasetSize, estimator);
        for (var i = 0; i < N; i++)
        {
            double klHat = 0;
            for (var k = 0; k < D; k++) klHat += 0.5 * (z[i, k] * z[i, k] - eps[i, k] * eps[i, k] - logVar[i, k]);
            Assert.Equal(klHat, parts.MutualInformation[i, 0] + parts.TotalCorrelation[i, 0] + parts.DimensionWiseKl[i, 0], 1e-12);
        }
    }

    /// <summary>M = N: stratified terms equal the exact mixture's, minibatch-weighted ones are shifted by log N multiples (1e-12).</summary>
    [Fact]
    public void With_the_batch_as_the_data_set_the_estimators_are_exact_up_to_known_constants()
    {
        var (mu, logVar, eps, z) = Batch(2);
        var (mi, tc, dw) = ExactParts(mu, logVar, eps, z);
        var stratified = Losses.KlDecomposition(z, eps, mu, logVar, N, AggregatePosteriorEstimator.MinibatchStratified);
        var weighted = Losses.KlDecomposition(z, eps, mu, logVar, N, AggregatePosteriorEstimator.MinibatchWeighted);
        var logN = Math.Log(N);
        for (var i = 0; i < N; i++)
        {
            Assert.Equal(mi[i], stratified.MutualInformation[i, 0], 1e-12);
            Assert.Equal(tc[i], stratified.TotalCorrelation[i, 0], 1e-12);
            Assert.Equal(dw[i], stratified.DimensionWiseKl[i, 0], 1e-12);
            Assert.Equal(mi[i] + logN, weighted.MutualInformation[i, 0], 1e-12);
            Assert.Equal(tc[i] + (D - 1) * logN, weighted.TotalCorrelation[i, 0], 1e-12);
            Assert.Equal(dw[i] - D * logN, weighted.DimensionWiseKl[i, 0], 1e-12);
        }
    }

    /// <summary>
    /// Where all three parts are known in closed form: every data point has the same posterior N(m, diag s^2). Then
    /// q(z) = q(z | n) (so MI = 0), q(z) is a diagonal Gaussian (so TC = 0) and the dimension-wise KL is the whole
    /// one-sample KL; the stratified estimator with M = N gives exactly that, per sample, to 1e-12.
    /// </summary>
    [Fact]
    public void When_every_posterior_is_the_same_mi_and_tc_vanish()
    {
        var mu = Ops.TileRows(Tensor.RowVector([0.4, -1.1, 2.0]), N);
        var logVar = Ops.TileRows(Tensor.RowVector([-0.5, 0.3, -2.0]), N);
        var eps = Sample.Normal(Key.FromSeed(9), N, D);
        var z = Losses.Reparameterize(mu, logVar, Key.FromSeed(9));
        var parts = Losses.KlDecomposition(z, eps, mu, logVar, N, AggregatePosteriorEstimator.MinibatchStratified);
        var klHat = Ops.Sub(Losses.ReparameterizedLogDensity(eps, logVar), Losses.StandardNormalLogDensity(z));
        for (var i = 0; i < N; i++)
        {
            Assert.Equal(0, parts.MutualInformation[i, 0], 1e-12);
            Assert.Equal(0, parts.TotalCorrelation[i, 0], 1e-12);
            Assert.Equal(klHat[i, 0], parts.DimensionWiseKl[i, 0], 1e-12);
        }
    }

    /// <summary>
    /// alpha = beta = gamma = 1: the beta-TCVAE loss is the VAE's negative ELBO with a Monte Carlo KL at the same z,
    /// reconstruction + log q(z | x) - log p(z); its reconstruction is <see cref="CoreVae.Terms"/>'s bit for bit, and it differs
    /// from the VAE's (analytic-KL) loss by KL-hat - KL exactly.
    /// </summary>
    [Theory]
    [InlineData(AggregatePosteriorEstimator.MinibatchWeighted)]
    [InlineData(AggregatePosteriorEstimator.MinibatchStratified)]
    public void With_unit_weights_the_loss_is_the_vae_loss_at_the_same_key(AggregatePosteriorEstimator estimator)
    {
        var (vae, p, x) = SmallBernoulli(8);
        var config = new TcVaeConfig(vae, DatasetSize: 50, Beta: 1, Estimator: estimator).Validated();
        var key = Key.FromSeed(4);
        var tc = TcVae.Terms(p, config, x, key);
        var elbo = CoreVae.Terms(p, vae, x, key);
        var (_, logVar) = CoreVae.Encode(p, x);
        var z = Losses.Reparameterize(CoreVae.Encode(p, x).Mean, logVar, key);
        var klHat = Ops.Sub(Losses.ReparameterizedLogDensity(Sample.Normal(key, x.Rows, vae.LatentDim), logVar), Losses.StandardNormalLogDensity(z));
        Assert.Equal(elbo.Reconstruction.ToArray(), tc.Reconstruction.ToArray());
        for (var i = 0; i < x.Rows; i++)
        {
            Assert.Equal(elbo.Reconstruction[i, 0] + klHat[i, 0], tc.Loss[i, 0], 1e-12);
            Assert.Equal(klHat[i, 0] - elbo.Kl[i, 0], tc.Loss[i, 0] - elbo.NegativeElbo[i, 0], 1e-12);
        }
    }

    /// <summary>
    /// Golden number: the batch-mean loss (beta 6, minibatch-weighted, N = 1000) on the fixed 6-[5]-2 VAE of
    /// CoreVae.Init(Key.FromSeed(1)), its 3 rows and key 42, pinned when the module was written, with its metrics.
    /// </summary>
    [Fact]
    public void Golden_tcvae_loss()
    {
        var (vae, p, x) = SmallBernoulli(1);
        var result = TcVae.Loss(new TcVaeConfig(vae, 1000).Validated())(p, x, Key.FromSeed(42));
        output.WriteLine($"loss {result.Loss.ToScalar():R}; " + string.Join(", ", result.Metrics.Select(m => $"{m.Key} {m.Value:R}")));
        Assert.Equal(GoldenLoss, result.Loss.ToScalar(), 1e-12 * Math.Abs(GoldenLoss));
        Assert.Equal(GoldenTc, result.Metrics["tc"], 1e-12 * Math.Abs(GoldenTc));
        Assert.Equal(result.Metrics["reconstruction"] + result.Metrics["mi"] + 6 * result.Metrics["tc"] + result.Metrics["dimwise_kl"], result.Loss.ToScalar(), 1e-12);
    }

    private const double GoldenLoss = 39.46100183030302, GoldenTc = 6.907802194686079;

    [Fact]
    public void Stratified_sampling_needs_a_batch_no_larger_than_the_data_set()
    {
        var e = Assert.Throws<ArgumentException>(() => Losses.AggregateLogWeights(5, 4, AggregatePosteriorEstimator.MinibatchStratified));
        Assert.Equal("datasetSize", e.ParamName);
        Assert.Equal(-Math.Log(20), Losses.AggregateLogWeights(5, 4, AggregatePosteriorEstimator.MinibatchWeighted)[1, 3]);
    }

    [Fact]
    public void Config_checks_name_the_field()
    {
        var vae = new VaeConfig(4, 2, [3]);
        Assert.Equal("DatasetSize", Assert.Throws<ArgumentOutOfRangeException>(() => new TcVaeConfig(vae, 0).Validated()).ParamName);
        Assert.Equal("Beta", Assert.Throws<ArgumentOutOfRangeException>(() => new TcVaeConfig(vae, 10, Beta: -1).Validated()).ParamName);
        Assert.Equal("Vae", Assert.Throws<ArgumentOutOfRangeException>(() => new TcVaeConfig(vae with { Beta = 4 }, 10).Validated()).ParamName);
    }

    // A batch of N posteriors in D dimensions and one reparameterised draw each.
    private static (Tensor Mu, Tensor LogVar, Tensor Eps, Tensor Z) Batch(long seed)
    {
        var key = Key.FromSeed(seed);
        var mu = Sample.Normal(key.FoldIn(1), N, D);
        var logVar = Ops.Scale(Sample.Normal(key.FoldIn(2), N, D), 0.7);
        return (mu, logVar, Sample.Normal(key.FoldIn(3), N, D), Losses.Reparameterize(mu, logVar, key.FoldIn(3)));
    }

    // The exact parts for the empirical aggregate posterior of the batch, by brute force.
    private static (double[] Mi, double[] Tc, double[] DimwiseKl) ExactParts(Tensor mu, Tensor logVar, Tensor eps, Tensor z)
    {
        double LogN(double v, double m, double lv) => -0.5 * (Math.Log(2 * Math.PI) + lv + (v - m) * (v - m) / Math.Exp(lv));
        double LogMeanExp(IEnumerable<double> a) { var l = a.ToArray(); var m = l.Max(); return m + Math.Log(l.Sum(v => Math.Exp(v - m)) / l.Length); }
        var (mi, tc, dw) = (new double[N], new double[N], new double[N]);
        for (var i = 0; i < N; i++)
        {
            var logQzx = Enumerable.Range(0, D).Sum(k => -0.5 * (Math.Log(2 * Math.PI) + logVar[i, k] + eps[i, k] * eps[i, k]));
            var logQz = LogMeanExp(Enumerable.Range(0, N).Select(j => Enumerable.Range(0, D).Sum(k => LogN(z[i, k], mu[j, k], logVar[j, k]))));
            var logProd = Enumerable.Range(0, D).Sum(k => LogMeanExp(Enumerable.Range(0, N).Select(j => LogN(z[i, k], mu[j, k], logVar[j, k]))));
            var logPz = Enumerable.Range(0, D).Sum(k => LogN(z[i, k], 0, 0));
            (mi[i], tc[i], dw[i]) = (logQzx - logQz, logQz - logProd, logProd - logPz);
        }
        return (mi, tc, dw);
    }
}
