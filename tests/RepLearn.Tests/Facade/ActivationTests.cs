using RepLearn;
using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary>The hidden-layer activation is a constructor choice that checkpoints keep.</summary>
public class ActivationTests
{
    private static readonly double[][] Data = Enumerable.Range(0, 32)
        .Select(i => Enumerable.Range(0, 5).Select(j => ((i * 3 + j * 7) % 9) / 8.0).ToArray()).ToArray();

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.Identity)]
    public void Activation_changes_the_model_and_survives_save_and_load(Activation activation)
    {
        var relu = new Autoencoder(inputDim: 5, latentDim: 2, hiddenDims: [4], seed: 2);
        var other = new Autoencoder(inputDim: 5, latentDim: 2, hiddenDims: [4], seed: 2, activation: activation);
        Assert.NotEqual(relu.Encode(Data), other.Encode(Data));

        var path = Path.Combine(Path.GetTempPath(), $"replearn-act-{Guid.NewGuid():N}.safetensors");
        try
        {
            other.Save(path);
            Assert.Equal(other.Encode(Data), Autoencoder.Load(path).Encode(Data));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_identity_autoencoder_without_hidden_layers_is_linear()
    {
        var linear = new Autoencoder(inputDim: 5, latentDim: 2, hiddenDims: [], seed: 4, activation: Activation.Identity);
        var zero = linear.Encode([new double[5]])[0];
        var x = Data[3];
        var doubled = linear.Encode([x.Select(v => 2 * v).ToArray()])[0];
        var single = linear.Encode([x])[0];
        for (var j = 0; j < 2; j++) Assert.Equal(2 * single[j] - zero[j], doubled[j], 12); // f(2x) = 2 f(x) - f(0) for affine f
    }
}
