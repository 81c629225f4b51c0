using RepLearn.Claims;
using System.Collections.Immutable;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

using Activation = RepLearn.Functional.Nn.Activation;
using Autoencoder = RepLearn.Functional.Models.Autoencoder;
using Likelihood = RepLearn.Functional.Models.Likelihood;

/// <summary>
/// L2-dae-optimal (Lecture 2): for Gaussian data x ~ N(mu, s^2) and noise x~ = x + N(0, sigma^2), the optimal
/// denoiser is the posterior mean r*(x~) = (s^2 x~ + sigma^2 mu) / (s^2 + sigma^2).
/// Method (statistical, fixed seeds): a linear denoising autoencoder (1 -> 1 -> 1, identity activations, the
/// library's <see cref="Autoencoder"/> with Gaussian corruption) is trained by <see cref="Train.Fit{T}"/> with Adam
/// and a cosine learning-rate decay on 20,000 draws, fresh noise every step; its map r(x~) = a x~ + b must match
/// r* within 2% at x~ in {mu - 2s, mu, mu + 2s}, and its slope a within 2% of s^2 / (s^2 + sigma^2).
/// </summary>
public sealed class L2DaeOptimal(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2.0, 1.5, 1.0, 11L)]
    [InlineData(-1.0, 0.5, 0.8, 12L)]
    [InlineData(0.5, 2.0, 0.5, 13L)]
    public void A_trained_linear_dae_learns_the_posterior_mean(double mu, double s, double sigma, long seed)
    {
        const int n = 20_000;
        var key = Key.FromSeed(seed);
        var z = Sample.Normal(key.FoldIn(0), n, 1);
        var x = Tensor.Create(n, 1, (r, _) => mu + s * z[r, 0]);
        var config = new AutoencoderConfig(1, 1, ImmutableArray<int>.Empty, Activation.Identity, Likelihood.Gaussian, Corruption.Gaussian(sigma));
        var p = ClaimTraining.FitAutoencoder(config, x, key.FoldIn(1), key.FoldIn(2), epochs: 30, batchSize: 256, peakLearningRate: 2e-2, alpha: 0.01);

        double R(double v) => Autoencoder.Decode(p, Autoencoder.Encode(p, Tensor.Scalar(v))).ToScalar();
        double Optimal(double v) => (s * s * v + sigma * sigma * mu) / (s * s + sigma * sigma);
        var slope = R(1) - R(0);
        var optimalSlope = s * s / (s * s + sigma * sigma);
        output.WriteLine($"mu {mu}, s {s}, sigma {sigma}: slope {slope:F5} vs {optimalSlope:F5}; r(mu) {R(mu):F5} vs {Optimal(mu):F5}");
        Assert.True(Math.Abs(slope - optimalSlope) <= 0.02 * optimalSlope, $"slope {slope} vs optimal {optimalSlope}");
        foreach (var v in new[] { mu - 2 * s, mu, mu + 2 * s })
            Assert.True(Math.Abs(R(v) - Optimal(v)) <= 0.02 * Math.Max(Math.Abs(Optimal(v)), s),
                $"r({v}) = {R(v)} vs optimal {Optimal(v)} (tolerance 2% of max(|r*|, s))");
    }
}
