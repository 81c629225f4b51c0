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
/// Burda et al.'s Theorem 1, ELBO = L_1 &lt;= L_k &lt;= L_k+1 &lt;= log p(x), for <see cref="Iwae"/>, and its gradients.
/// <para>
/// The ordering is a statement about expectations, so it is checked two ways. Exactly, for every key: the proof's
/// step (log of a mean &gt;= mean of logs over the k + 1 leave-one-out subsets of k + 1 weights) holds for the computed
/// log weights to rounding. Statistically, on probabilistic PCA (closed-form log p(x)) with a posterior that is not the
/// exact one: 2000 fixed keys, and L_1, L_2, L_4, L_16, L_64 taken from prefixes of the same 64 draws (the layout makes
/// the first k draws of a larger call those of the k-sample call), so consecutive bounds are compared on common random
/// numbers. Each claimed inequality must hold by at least 4 standard errors of the paired difference (so it is not a
/// lucky seed: a true gap that small would fail with probability ~3e-5 for a fresh seed), and each bound must not
/// exceed log p(x) by more than 4 standard errors (a bound above it would be rejected). The keys are fixed, so the
/// check is deterministic; the margins printed in the output show how far from the threshold it passes.
/// </para>
/// </summary>
[Properties(Arbitrary = [typeof(Gens)], MaxTest = 25, Replay = Seeds.Replay)]
public class IwaeProperties(ITestOutputHelper output)
{
    /// <summary>log (1/(k+1)) sum w &gt;= mean over leave-one-out subsets of log (1/k) sum w, for the computed weights.</summary>
    [Property]
    public void Adding_a_sample_never_lowers_the_leave_one_out_average(PositiveInt seed, PositiveInt kk)
    {
        var k = 1 + kk.Get % 7;
        var (config, p, x) = SmallBernoulli(seed.Get);
        var logW = Iwae.LogWeights(p, config, x, k + 1, Key.FromSeed(seed.Get).FoldIn(7));
        for (var i = 0; i < x.Rows; i++)
        {
            var row = logW.Row(i).ToArray();
            var all = LogMeanExp(row);
            var leaveOneOut = Enumerable.Range(0, k + 1).Average(j => LogMeanExp(row.Where((_, l) => l != j)));
            Assert.True(all >= leaveOneOut - 1e-12 * Math.Abs(all), $"row {i}: L_{k + 1} {all:R} < mean L_{k} {leaveOneOut:R}");
        }
    }

    /// <summary>The bound's gradient through every parameter of a tanh Bernoulli VAE, k = 3, against central differences.</summary>
    [Property(MaxTest = 8)]
    public void Bound_gradient_matches_finite_differences_bernoulli(PositiveInt seed)
    {
        var (config, p, x) = SmallBernoulli(seed.Get);
        CheckParameterGradient(q => Ops.Mean(Iwae.Bound(q, config, x, 3, Key.FromSeed(seed.Get + 1))), p);
    }

    /// <summary>The same for the Gaussian decoder (the linear-Gaussian VAE away from the exact posterior).</summary>
    [Property(MaxTest = 4)]
    public void Bound_gradient_matches_finite_differences_gaussian(PositiveInt seed)
    {
        var x = Ppca.Sample(Key.FromSeed(seed.Get), 3);
        CheckParameterGradient(q => Ops.Mean(Iwae.Bound(q, LinearConfig, x, 4, Key.FromSeed(seed.Get + 1))), Perturbed);
    }

    [Property]
    public void TileRows_gradient(Mat x, PositiveInt times) =>
        GradCheck.Assert(t => Weights.Probe(Ops.TileRows(t, 1 + times.Get % 3)), x.Value);

    [Property]
    public void Log_densities_gradients(Mat x)
    {
        var (r, c) = (x.Value.Rows, x.Value.Cols);
        var row = Sample.Normal(Key.FromSeed(r * 31 + c), 1, c);
        var lv = Ops.Scale(Sample.Normal(Key.FromSeed(r * 37 + c), r, 1), 0.5);
        GradCheck.Assert(l => Weights.Probe(Losses.GaussianLogDensity(l[0], l[1], l[2])), LeafList.Of(x.Value, row, lv));
        GradCheck.Assert((e, v) => Weights.Probe(Ops.Add(Losses.ReparameterizedLogDensity(e, v), Losses.StandardNormalLogDensity(e))), x.Value, Ops.Scale(x.Value, 0.3));
    }

    /// <summary>ELBO = E[L_1] &lt;= E[L_2] &lt;= E[L_4] &lt;= E[L_16] &lt;= E[L_64] &lt;= log p(x), on PPCA with an inexact posterior.</summary>
    [Fact]
    public void Monte_carlo_bounds_increase_with_k_and_stay_below_the_log_marginal()
    {
        const int replicates = 2000, samples = 64;
        int[] ks = [1, 2, 4, 16, 64];
        var x = Ppca.Sample(Key.FromSeed(2016), 8);
        var logPx = Ops.Mean(Ppca.LogMarginal(x)).ToScalar();
        var bounds = new double[ks.Length + 1][];                     // [0]: the VAE's ELBO (analytic KL); then L_k
        for (var s = 0; s <= ks.Length; s++) bounds[s] = new double[replicates];
        for (var r = 0; r < replicates; r++)
        {
            var key = Key.FromSeed(77).FoldIn(r);
            var logW = Iwae.LogWeights(Perturbed, LinearConfig, x, samples, key);
            bounds[0][r] = -Ops.Mean(CoreVae.Terms(Perturbed, LinearConfig, x, key).NegativeElbo).ToScalar();
            for (var s = 0; s < ks.Length; s++)
                bounds[s + 1][r] = Enumerable.Range(0, x.Rows).Average(i => LogMeanExp(logW.Row(i)[..ks[s]].ToArray()));
        }
        var (elboVsL1, elboVsL1Se) = PairedMean(bounds[1], bounds[0]);
        output.WriteLine($"log p(x) {logPx:F6}; E[L_1] - ELBO = {elboVsL1:F5} (se {elboVsL1Se:F5})");
        Assert.True(Math.Abs(elboVsL1) <= 4 * elboVsL1Se, "E[L_1] should equal the ELBO");
        for (var s = 1; s <= ks.Length; s++)
        {
            var (gap, gapSe) = PairedMean(Enumerable.Repeat(logPx, replicates).ToArray(), bounds[s]);
            output.WriteLine($"E[L_{ks[s - 1]}] = {bounds[s].Average():F6}: log p(x) - L = {gap:F5} (se {gapSe:F5}, {gap / gapSe:F1} se)");
            Assert.True(gap >= -4 * gapSe, $"L_{ks[s - 1]} exceeds log p(x)");
            if (s == ks.Length) continue;
            var (step, stepSe) = PairedMean(bounds[s + 1], bounds[s]);
            output.WriteLine($"  E[L_{ks[s]}] - E[L_{ks[s - 1]}] = {step:F5} (se {stepSe:F5}, {step / stepSe:F1} se)");
            Assert.True(step >= 4 * stepSe, $"L_{ks[s]} should exceed L_{ks[s - 1]} by 4 standard errors");
        }
    }

    private static (double Mean, double StandardError) PairedMean(double[] a, double[] b)
    {
        var d = a.Zip(b, (u, v) => u - v).ToArray();
        var mean = d.Average();
        var variance = d.Sum(v => (v - mean) * (v - mean)) / (d.Length - 1);
        return (mean, Math.Sqrt(variance / d.Length));
    }

    private static double LogMeanExp(IEnumerable<double> values)
    {
        var a = values.ToArray();
        var m = a.Max();
        return m + Math.Log(a.Sum(v => Math.Exp(v - m)) / a.Length);
    }

    internal static void CheckParameterGradient(Func<VaeParams, Tensor> f, VaeParams p) =>
        GradCheck.Assert(l => f(WithLeaves(p, l.Items)), LeafList.Of([.. LeavesOf(p)]));
}
