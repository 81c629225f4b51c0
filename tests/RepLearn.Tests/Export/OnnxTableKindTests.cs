using System.Collections.Immutable;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;
using CoreVae = RepLearn.Functional.Models.Vae;

namespace RepLearn.Tests.Export;

/// <summary>
/// The kinds that only the model table defines (iwae, tcvae: VAE parameters trained on other bounds) export through
/// their table entries' graphs: the encoder matches the model's Encode, the decoder the core decoder's mean
/// (sigmoid of the logits) on the checkpoint's parameters, both in float64 to 1e-6 relative.
/// </summary>
public sealed class OnnxTableKindTests
{
    private const int Rows = 100;
    private const int LatentWidth = 4;
    private const int HiddenWidth = 32;

    [Theory]
    [InlineData("iwae")]
    [InlineData("tcvae")]
    public void Table_kinds_export_encoder_and_decoder(string kind)
    {
        using var folder = new TempFolder();
        var model = Models.Create(kind, Width, new Dictionary<string, string> { ["latent_dim"] = $"{LatentWidth}", ["hidden_dims"] = $"{HiddenWidth}" },
            seed: 7, trainRows: Train.Length);
        model.Fit(Train, Options());
        var x = Train[..Rows];

        var encoder = folder.File("encoder.onnx");
        model.ExportOnnx(encoder, OnnxPart.Encoder, OnnxElementType.Float64);
        var codes = model.Encode(x);
        Assert.True(OnnxRuntimeRunner.Differences(codes, OnnxRuntimeRunner.Run(encoder, x), floor: 1e-8).MaxRelative <= 1e-6);

        var decoder = folder.File("decoder.onnx");
        model.ExportOnnx(decoder, OnnxPart.Decoder, OnnxElementType.Float64);
        var checkpoint = folder.File("model.safetensors");
        model.Save(checkpoint);
        var shape = CoreVae.Init(Key.FromSeed(0), new VaeConfig(Width, LatentWidth, ImmutableArray.Create(HiddenWidth)));
        var template = new RepLearn.Functional.Training.TrainingState<VaeParams>(shape, new OptimizerRecipe().Build<VaeParams>().Init(shape));
        var parameters = Checkpoint.Load(checkpoint, kind, _ => template).Parameters.Parameters;
        var expected = Ops.Sigmoid(CoreVae.Decode(parameters, Tensor.FromRows(codes))).ToRows();
        Assert.True(OnnxRuntimeRunner.Differences(expected, OnnxRuntimeRunner.Run(decoder, codes), floor: 1e-8).MaxRelative <= 1e-6);
    }
}
