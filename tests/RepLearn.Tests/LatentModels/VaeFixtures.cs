namespace RepLearn.Tests.LatentModels;

using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;
using CoreVae = RepLearn.Functional.Models.Vae;

/// <summary>
/// VAEs whose log p(x) and posterior are known, for the IWAE and beta-TCVAE checks (shared with the properties
/// project by a linked file).
/// <para>
/// <see cref="Ppca"/> is probabilistic PCA, x = W z + mu + s eps, with W's columns orthogonal, so W^T W and hence the
/// exact posterior p(z | x) = N(M^-1 W^T (x - mu), s^2 M^-1), M = W^T W + s^2 I, are diagonal. A VAE with no hidden
/// layers, a Gaussian decoder of log-variance log s^2 and identity activations represents it exactly:
/// decoder z -&gt; W z + mu, mean head x -&gt; M^-1 W^T (x - mu), log-variance head the constant log(s^2 / M_kk).
/// <see cref="Exact"/> is that VAE (q = p(z | x), so every importance weight equals p(x)); <see cref="Perturbed"/>
/// shifts and shrinks its posterior (q != p(z | x), so ELBO &lt; log p(x) and the IWAE bounds lie strictly between).
/// </para>
/// </summary>
public static class VaeFixtures
{
    /// <summary>Noise standard deviation s of <see cref="Ppca"/>.</summary>
    public const double NoiseStd = 0.5;

    /// <summary>D = 4, K = 2; W's columns (1.2, 0.9, 0, 0.3) and (0.3, -0.4, 1.1, 0) are orthogonal; mu = (0.5, -1, 0.25, 2).</summary>
    public static readonly ProbabilisticPca Ppca = new(
        Tensor.FromRows([[1.2, 0.3], [0.9, -0.4], [0.0, 1.1], [0.3, 0.0]]), Tensor.RowVector([0.5, -1.0, 0.25, 2.0]), NoiseStd);

    /// <summary>The linear-Gaussian VAE's configuration: 4 -&gt; (no hidden layers) -&gt; 2, Gaussian decoder with log-variance log s^2.</summary>
    public static readonly VaeConfig LinearConfig = new(4, 2, [], Activation.Identity, Likelihood.Gaussian, DecoderLogVar: 2 * Math.Log(NoiseStd));

    /// <summary>The VAE whose q(z | x) is the exact posterior of <see cref="Ppca"/>.</summary>
    public static VaeParams Exact => Linear(meanShift: 0, logVarShift: 0);

    /// <summary>The same decoder with the posterior mean shifted by 0.3 per unit and the log-variances lowered by 0.7.</summary>
    public static VaeParams Perturbed => Linear(meanShift: 0.3, logVarShift: -0.7);

    /// <summary>A small Bernoulli VAE (6 -&gt; [5] -&gt; 2, tanh) drawn from <paramref name="seed"/>, and 3 rows of data in [0, 1].</summary>
    public static (VaeConfig Config, VaeParams Params, Tensor X) SmallBernoulli(long seed)
    {
        var config = new VaeConfig(6, 2, [5], Activation.Tanh);
        return (config, CoreVae.Init(Key.FromSeed(seed), config), Sample.Uniform(Key.FromSeed(seed).FoldIn(99), 3, 6));
    }

    /// <summary>The leaves of a VAE in Map's order, and a rebuild from such a list (for finite differences).</summary>
    public static List<Tensor> LeavesOf(VaeParams p)
    {
        var leaves = new List<Tensor>();
        Tree.Map(p, t => { leaves.Add(t); return t; });
        return leaves;
    }

    /// <summary>p's structure with the given leaves, in <see cref="LeavesOf"/>'s order.</summary>
    public static VaeParams WithLeaves(VaeParams p, IReadOnlyList<Tensor> leaves)
    {
        var i = 0;
        return Tree.Map(p, _ => leaves[i++]);
    }

    private static VaeParams Linear(double meanShift, double logVarShift)
    {
        var w = Ppca.W;
        var (d, k, s2) = (w.Rows, w.Cols, NoiseStd * NoiseStd);
        var m = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, d).Sum(r => w[r, c] * w[r, c]) + s2).ToArray();
        var meanWeight = Tensor.Create(k, d, (c, r) => w[r, c] / m[c]);                        // M^-1 W^T
        var meanBias = Tensor.Create(1, k, (_, c) => -Enumerable.Range(0, d).Sum(r => w[r, c] * Ppca.Mu[0, r]) / m[c] + meanShift);
        var logVarBias = Tensor.Create(1, k, (_, c) => Math.Log(s2 / m[c]) + logVarShift);
        var decoder = new Mlp([new Dense(w, Ppca.Mu)], Activation.Identity, Activation.Identity);
        return new VaeParams(new Mlp([], Activation.Identity, Activation.Identity), new Dense(meanWeight, meanBias),
            new Dense(Tensor.Zeros(k, d), logVarBias), decoder);
    }
}
