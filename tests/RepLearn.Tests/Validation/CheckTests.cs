using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Validation;
using Xunit;
using CoreLosses = RepLearn.Functional.Objectives.Losses;

namespace RepLearn.Tests.Validation;

/// <summary>The one validation module: messages name the parameter, the rule and the value; ranges agree across layers.</summary>
public sealed class CheckTests
{
    [Theory]
    [InlineData(1.0, "b1 must be in [0, 1), got 1")]
    [InlineData(double.NaN, "b1 must be in [0, 1), got NaN")]
    public void A_range_error_names_the_parameter_the_rule_and_the_value(double value, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Check.Decay(value, "b1"));
        Assert.Equal("b1", e.ParamName);
        Assert.StartsWith(message, e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Gaussian_corruption_refuses_the_same_sigmas_at_every_layer(double sigma)
    {
        var x = Tensor.Filled(2, 3, 0.5);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => Corruption.Gaussian(sigma)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => CoreLosses.GaussianCorruption(x, sigma, Key.FromSeed(1))).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new DenoisingAutoencoder(3, 1, sigma: sigma)).ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void Masking_refuses_the_same_probabilities_at_every_layer(double p)
    {
        var x = Tensor.Filled(2, 3, 0.5);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Corruption.Masking(p)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => CoreLosses.MaskingCorruption(x, p, Key.FromSeed(1))).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new DenoisingAutoencoder(3, 1, sigma: p, noise: CorruptionKind.Masking)).ParamName);
    }

    [Fact]
    public void A_denoising_autoencoder_needs_a_corruption() =>
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => new DenoisingAutoencoder(3, 1, noise: CorruptionKind.None)).ParamName);
}
