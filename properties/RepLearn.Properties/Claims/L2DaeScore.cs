using RepLearn.Claims;
using System.Collections.Immutable;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

using Activation = RepLearn.Functional.Nn.Activation;
using Autoencoder = RepLearn.Functional.Models.Autoencoder;
using CoreLosses = RepLearn.Functional.Objectives.Losses;
using Likelihood = RepLearn.Functional.Models.Likelihood;

/// <summary>
/// L2-dae-score (Lecture 2; Vincent 2011): a denoising autoencoder estimates the score of the noised density,
/// (r(x~) - x~) / sigma^2 ~ grad log p_sigma(x~).
/// Method (statistical, fixed seeds): an MLP DAE (2 -> 48 -> 48 -> 48 -> 2, tanh, Gaussian corruption sigma) is trained
/// with Adam (30 epochs, batch 256, cosine decay) on 4,000 draws of an 8-component Gaussian mixture on a circle (<see cref="GaussianMixture.Circle"/>),
/// fresh noise each step; on 2,000 fresh samples of p_sigma, the mean cosine similarity between the learned and
/// the exact score (<see cref="GaussianMixture.Score"/>) must exceed 0.9.
/// </summary>
public sealed class L2DaeScore(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.3, 31L)]
    [InlineData(0.5, 32L)]
    public void A_trained_dae_points_along_the_score_of_the_noised_density(double sigma, long seed)
    {
        var key = Key.FromSeed(seed);
        var mixture = GaussianMixture.Circle();
        var x = mixture.Sample(key.FoldIn(0), 4000);
        var config = new AutoencoderConfig(2, 48, [48, 48], Activation.Tanh, Likelihood.Gaussian, Corruption.Gaussian(sigma));
        var p = ClaimTraining.FitAutoencoder(config, x, key.FoldIn(1), key.FoldIn(2), epochs: 30, batchSize: 256, peakLearningRate: 5e-3, alpha: 0.05);

        var noisy = mixture.Sample(key.FoldIn(3), 2000, sigma);
        var learned = Ops.Scale(Ops.Sub(Autoencoder.Reconstruct(p, config, noisy), noisy), 1 / (sigma * sigma));
        var exact = mixture.Score(noisy, sigma);
        var cosine = Ops.Mean(CoreLosses.CosineSimilarity(learned, exact)).ToScalar();
        output.WriteLine($"sigma {sigma}: mean cosine(learned score, exact score) = {cosine:F4} over 2000 samples of p_sigma");
        Assert.True(cosine > 0.9, $"mean cosine similarity {cosine} is not above 0.9");
    }
}
