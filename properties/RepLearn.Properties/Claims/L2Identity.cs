using RepLearn.Claims;
using System.Collections.Immutable;
using RepLearn.Functional.Autodiff;
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
/// L2-identity (Lecture 2): without a bottleneck (d &gt;= n) an autoencoder can learn the identity, so the
/// reconstruction loss goes to 0. Method (statistical, fixed seeds): a linear autoencoder n -> d -> n with d = n
/// (identity activations, <see cref="Autoencoder"/>) trained full-batch by <see cref="Train.Fit{T}"/> with Adam and a
/// cosine decay on 256 correlated Gaussian points reaches a mean squared error below 1e-6 of the data's total
/// variance.
/// </summary>
public sealed class L2Identity(ITestOutputHelper output)
{
    [Theory]
    [InlineData(3, 21L)]
    [InlineData(5, 22L)]
    public void A_linear_autoencoder_without_a_bottleneck_learns_the_identity(int n, long seed)
    {
        var key = Key.FromSeed(seed);
        var mixing = Sample.Normal(key.FoldIn(0), n, n);
        var x = Ops.MatMul(Sample.Normal(key.FoldIn(1), 256, n), mixing);
        var mean = Ops.Mean(x, 0);
        var variance = Ops.Sum(Ops.Mean(Ops.Square(Ops.Sub(x, mean)), 0)).ToScalar();
        var config = new AutoencoderConfig(n, n, ImmutableArray<int>.Empty, Activation.Identity);
        var p = ClaimTraining.FitAutoencoder(config, x, key.FoldIn(2), key.FoldIn(3), epochs: 3000, batchSize: 256, peakLearningRate: 3e-2, alpha: 0.001);
        var mse = Ops.Mean(Autoencoder.PerSampleLoss(p, config, x, key)).ToScalar();
        output.WriteLine($"n = d = {n}: MSE {mse:E3}, data variance {variance:F4}, ratio {mse / variance:E3}");
        Assert.True(mse < 1e-6 * variance, $"MSE {mse} is not below 1e-6 of the variance {variance}");
    }
}
