using System.Runtime.CompilerServices;
using RepLearn.Tests.Support;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace RepLearn.Tests.Export;

/// <summary>
/// The exported file's structure for one small model (an autoencoder 6 -> 4 -> 2 with tanh and a Bernoulli decoder, and
/// a VAE 6 -> 4 -> 2 with softplus, in float64), read back from the bytes: a change of names, operators, shapes, types,
/// versions or metadata shows as a snapshot diff and must be meant (update __snapshots__ when it is).
/// </summary>
public sealed class OnnxSnapshotTests
{
    [Fact]
    public void Exported_graph_structure()
    {
        using var folder = new TempFolder();
        var ae = new Autoencoder(6, 2, [4], seed: 1, likelihood: Likelihood.Bernoulli, activation: Activation.Tanh);
        var vae = new Vae(6, 2, [4], seed: 1, activation: Activation.Softplus);
        var lines = new List<string>();
        foreach (var (name, model, part, type) in new (string, IRepresentationModel, OnnxPart, OnnxElementType)[]
        {
            ("ae encoder float32", ae, OnnxPart.Encoder, OnnxElementType.Float32),
            ("ae decoder float32", ae, OnnxPart.Decoder, OnnxElementType.Float32),
            ("vae encoder float64", vae, OnnxPart.Encoder, OnnxElementType.Float64),
            ("vae decoder float64", vae, OnnxPart.Decoder, OnnxElementType.Float64),
        })
        {
            var path = folder.File($"{name.Replace(' ', '-')}.onnx");
            model.ExportOnnx(path, part, type);
            lines.Add($"== {name}");
            lines.AddRange(OnnxStructure.Describe(File.ReadAllBytes(path)));
        }
        Snapshot.Match(lines, new SnapshotFullName($"{nameof(OnnxSnapshotTests)}.{nameof(Exported_graph_structure)}.snap", SourceFolder()));
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
