using System.Runtime.CompilerServices;
using RepLearn.Cli;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace RepLearn.Tests.Cli;

/// <summary>Snapshots of the metrics line format and of the eval figure names.</summary>
public sealed partial class CliTests
{
    // ---- snapshots ---------------------------------------------------------------------------------

    [Fact]
    public void Metrics_line_format()
    {
        var metrics = new Dictionary<string, double> { ["reconstruction"] = 88.5, ["kl"] = 12.625 };
        var lines = new[]
        {
            MetricsWriter.Line(new EpochReport(3, 101.25, 99.5, 1.234567891, metrics)),
            MetricsWriter.Line(new EpochReport(1, 0.1 + 0.2, null, 0.00004, new Dictionary<string, double>())),
        };
        Snapshot.Match(lines, new SnapshotFullName($"{nameof(CliTests)}.{nameof(Metrics_line_format)}.snap", SourceFolder()));
    }

    [Fact]
    public void Eval_figure_names()
    {
        var data = Datasets.Shapes(64, 16, seed: 1);
        var figures = new Dictionary<string, string[]>();
        foreach (IRepresentationModel m in new IRepresentationModel[]
        {
            new Vae(784, 2, [8], seed: 1),
            new Autoencoder(784, 2, [8], seed: 1),
            new DenoisingAutoencoder(784, 2, hiddenDims: [8], seed: 1),
            new ContrastiveEncoder(784, representationDim: 2, projectionDim: 2, hiddenDims: [8], seed: 1),
        })
        {
            figures[m.Kind] = [.. EvalCommand.Evaluate(m, data, seed: 1, logPxRows: 4, logPxSamples: 20).Select(f => f.Figure)];
        }
        var family = new Dictionary<string, string> { ["latent_dim"] = "2", ["hidden_dims"] = "8", ["samples"] = "2" };
        foreach (var kind in new[] { "iwae", "tcvae" })
            figures[kind] = [.. EvalCommand.Evaluate(Models.Create(kind, 784, family, seed: 1, trainRows: 64), data, seed: 1, logPxRows: 4, logPxSamples: 20).Select(f => f.Figure)];
        figures["vae without labels"] = [.. EvalCommand.Evaluate(new Vae(784, 2, [8], seed: 1), data with { TrainLabels = null, TestLabels = null }, seed: 1).Select(f => f.Figure)];
        figures["vae with factors"] = [.. EvalCommand.Evaluate(new Vae(784, 2, [8], seed: 1), data, seed: 1, Datasets.ShapesFactors(64, seed: 1), sampledPoints: 20).Select(f => f.Figure)];
        Snapshot.Match(figures, new SnapshotFullName($"{nameof(CliTests)}.{nameof(Eval_figure_names)}.snap", SourceFolder()));
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
