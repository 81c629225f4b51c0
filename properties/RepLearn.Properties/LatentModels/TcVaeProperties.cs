using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RepLearn.Properties.Support;
using Xunit;
using Xunit.Abstractions;
using static RepLearn.Tests.LatentModels.VaeFixtures;

namespace RepLearn.Properties.LatentModels;

using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Objectives;
using RepLearn.Functional.Tensors;
using CoreVae = RepLearn.Functional.Models.Vae;

/// <summary>
/// Chen et al.'s decomposition E_p(n)[KL(q(z | n) || p(z))] = MI + TC + dimension-wise KL as computed by
/// <see cref="Losses.KlDecomposition"/>, and the beta-TCVAE loss's gradients. Exact laws for random batches: the parts
/// telescope to the one-sample KL; with M = N the minibatch-weighted parts are the stratified (exact) ones shifted by
/// +log N, +(d - 1) log N and -d log N. In expectation: the parts' batch mean is the closed-form average KL, and with
/// unit weights the loss is the VAE's (2000 fixed keys, within 4 standard errors of the paired difference).
/// </summary>
[Properties(MaxTest = 50, Replay = Seeds.Replay)]
public class TcVaeProperties(ITestOutputHelper output)
{
    /// <summary>For any batch, N and estimator: MI + TC + dimension-wise KL = log q(z | n) - log p(z), per sample.</summary>
    [Property]
    public void The_parts_telescope_to_the_one_sample_kl(PositiveInt seed, PositiveInt rows, PositiveInt dims, PositiveInt extra, bool stratified)
    {
        var (m, d) = (1 + rows.Get % 6, 1 + dims.Get % 4);
        var (mu, logVar, eps, z) = Batch(seed.Get, m, d);
        var estimator = stratified ? AggregatePosteriorEstimator.MinibatchStratified : AggregatePosteriorEstimator.MinibatchWeighted;
        var parts = Losses.KlDecomposition(z, eps, mu, logVar, m + extra.Get % 100, estimator);
        var klHat = Ops.Sub(Losses.ReparameterizedLogDensity(eps, logVar), Losses.StandardNormalLogDensity(z));
        for (var i = 0; i < m; i++)
        {
            var sum = parts.MutualInformation[i, 0] + parts.TotalCorrelation[i, 0] + parts.DimensionWiseKl[i, 0];
            Assert.True(Math.Abs(sum - klHat[i, 0]) <= 1e-10 * Math.Max(1, Math.Abs(klHat[i, 0])), $"row {i}: {sum:R} vs {klHat[i, 0]:R}");
        }
    }

    /// <summary>With M = N, MWS = exact - log N in every log q estimate, so its parts are the stratified ones shifted by known constants.</summary>
    [Property]
    public void With_the_whole_data_set_mws_is_the_exact_estimate_shifted_by_log_n(PositiveInt seed, PositiveInt rows, PositiveInt dims)
    {
        var (m, d) = (2 + rows.Get % 6, 1 + dims.Get % 4);
        var (mu, logVar, eps, z) = Batch(seed.Get, m, d);
        var exact = Losses.KlDecomposition(z, eps, mu, logVar, m, AggregatePosteriorEstimator.MinibatchStratified);
        var mws = Losses.KlDecomposition(z, eps, mu, logVar, m, AggregatePosteriorEstimator.MinibatchWeighted);
        var logN = Math.Log(m);
        for (var i = 0; i < m; i++)
        {
            Assert.Equal(exact.MutualInformation[i, 0] + logN, mws.MutualInformation[i, 0], 1e-10);
            Assert.Equal(exact.TotalCorrelation[i, 0] + (d - 1) * logN, mws.TotalCorrelation[i, 0], 1e-10);
            Assert.Equal(exact.DimensionWiseKl[i, 0] - d * logN, mws.DimensionWiseKl[i, 0], 1e-10);
        }
    }

    /// <summary>The decomposition's gradient through z, mu and logVar (both estimators) against central differences.</summary>
    [Property(MaxTest = 10)]
    public void Decomposition_gradient_matches_finite_differences(PositiveInt seed, bool stratified)
    {
        var (mu, logVar, eps, z) = Batch(seed.Get, 4, 3);
        var estimator = stratified ? AggregatePosteriorEstimator.MinibatchStratified : AggregatePosteriorEstimator.MinibatchWeighted;
        GradCheck.Assert(l =>
        {
            var parts = Losses.KlDecomposition(l[0], eps, l[1], l[2], 10, estimator);
            return Ops.Add(Weights.Probe(parts.MutualInformation, 1), Ops.Add(Weights.Probe(parts.TotalCorrelation, 2), Weights.Probe(parts.DimensionWiseKl, 3)));
        }, LeafList.Of(z, mu, logVar));
    }

    /// <summary>The beta-TCVAE loss's gradient through every parameter of a small tanh Bernoulli VAE.</summary>
    [Property(MaxTest = 6)]
    public void Loss_gradient_matches_finite_differences(PositiveInt seed, bool stratified)
    {
        var (vae, p, x) = SmallBernoulli(seed.Get);
        var config = new TcVaeConfig(vae, 20, Beta: 6, Alpha: 0.5, Gamma: 2,
            Estimator: stratified ? AggregatePosteriorEstimator.MinibatchStratified : AggregatePosteriorEstimator.MinibatchWeighted).Validated();
        IwaeProperties.CheckParameterGradient(q => TcVae.Loss(config)(q, x, Key.FromSeed(seed.Get + 3)).Loss, p);
    }

    /// <summary>
    /// In expectation over the noise: the parts' batch mean is the average closed-form KL (the decomposition sums to
    /// the KL term), and with alpha = beta = gamma = 1 the loss is the VAE's negative ELBO (analytic KL).
    /// </summary>
    [Fact]
    public void In_expectation_the_parts_sum_to_the_kl_and_unit_weights_give_the_vae_loss()
    {
        const int replicates = 2000;
        var (vae, p, _) = SmallBernoulli(12);
        var x = Sample.Uniform(Key.FromSeed(13), 16, 6);
        var config = new TcVaeConfig(vae, 16, Beta: 1).Validated();
        var (partsMinusKl, tcMinusVae) = (new double[replicates], new double[replicates]);
        for (var r = 0; r < replicates; r++)
        {
            var key = Key.FromSeed(2018).FoldIn(r);
            var t = TcVae.Terms(p, config, x, key);
            var sum = Ops.Add(t.Parts.MutualInformation, Ops.Add(t.Parts.TotalCorrelation, t.Parts.DimensionWiseKl));
            partsMinusKl[r] = Ops.Mean(Ops.Sub(sum, t.Kl)).ToScalar();
            tcMinusVae[r] = Ops.Mean(t.Loss).ToScalar() - CoreVae.Loss(vae)(p, x, key).Loss.ToScalar();
        }
        foreach (var (name, d) in new[] { ("E[MI + TC + dimwise KL] - KL", partsMinusKl), ("E[TC-VAE loss] - E[VAE loss]", tcMinusVae) })
        {
            var mean = d.Average();
            var se = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (d.Length - 1) / d.Length);
            output.WriteLine($"{name} = {mean:F6} (se {se:F6})");
            Assert.True(Math.Abs(mean) <= 4 * se, $"{name} = {mean} is more than 4 standard errors ({se}) from 0");
        }
    }

    private static (Tensor Mu, Tensor LogVar, Tensor Eps, Tensor Z) Batch(int seed, int m, int d)
    {
        var key = Key.FromSeed(seed);
        var mu = Sample.Normal(key.FoldIn(1), m, d);
        var logVar = Ops.Scale(Sample.Normal(key.FoldIn(2), m, d), 0.7);
        return (mu, logVar, Sample.Normal(key.FoldIn(3), m, d), Losses.Reparameterize(mu, logVar, key.FoldIn(3)));
    }
}
