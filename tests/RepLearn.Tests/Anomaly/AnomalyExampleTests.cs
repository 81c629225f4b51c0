using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Tests.Anomaly;

/// <summary>
/// The anomaly example of docs/anomaly-detection.md (docs/examples/anomaly-detection.cs) at the same sizes: a VAE and an
/// autoencoder trained on generated shapes find planted anomalies (two shapes overlaid; MNIST digits when the shared folder
/// is there) among 950 normal test shapes by their per-row scores.
/// </summary>
public sealed class AnomalyExampleTests(ITestOutputHelper output)
{
    private static readonly Lazy<(Vae Vae, Autoencoder Ae, double[][] Normal)> trained = new(() =>
    {
        var shapes = Datasets.Shapes(trainCount: 2000, testCount: 950, seed: 0);
        var options = new TrainOptions { Epochs = 10, BatchSize = 64, LearningRate = 1e-3 };
        var vae = new Vae(inputDim: 784, latentDim: 8, hiddenDims: [128], seed: 1);
        var ae = new Autoencoder(inputDim: 784, latentDim: 8, hiddenDims: [128], seed: 1);
        vae.Fit(shapes.Train, options);
        ae.Fit(shapes.Train, options);
        return (vae, ae, shapes.Test!);
    });

    private (double Nelbo, double VaeRecon, double AeRecon) Aurocs(double[][] anomalies)
    {
        var (vae, ae, normal) = trained.Value;
        double[][] test = [.. normal, .. anomalies];
        bool[] isAnomaly = [.. normal.Select(_ => false), .. anomalies.Select(_ => true)];
        var v = vae.Scores(test);
        var result = (Evaluation.Auroc(v.NegativeElbo!, isAnomaly), Evaluation.Auroc(v.ReconstructionError, isAnomaly),
            Evaluation.Auroc(ae.Scores(test).ReconstructionError, isAnomaly));
        output.WriteLine($"AUROC: VAE -ELBO {result.Item1:F3}, VAE reconstruction {result.Item2:F3}, AE reconstruction {result.Item3:F3}");
        return result;
    }

    [Fact]
    public void Overlaid_shapes_are_found_by_every_score()
    {
        var extra = Datasets.Shapes(trainCount: 100, testCount: 1, seed: 5).Train;
        double[][] overlaid = [.. Enumerable.Range(0, 50).Select(i => extra[2 * i].Zip(extra[2 * i + 1], Math.Max).ToArray())];
        var (nelbo, vaeRecon, aeRecon) = Aurocs(overlaid);
        Assert.True(nelbo >= 0.9, $"VAE negative ELBO AUROC {nelbo}");
        Assert.True(vaeRecon >= 0.9, $"VAE reconstruction AUROC {vaeRecon}");
        Assert.True(aeRecon >= 0.9, $"AE reconstruction AUROC {aeRecon}");
    }

    [Fact]
    public void Mnist_digits_are_found_by_every_score()
    {
        var folder = Path.Combine(Support.Dotnet.RepositoryRoot(), "..", "shared", "data", "mnist10k");
        if (!Directory.Exists(folder))
        {
            output.WriteLine($"skipped: no MNIST folder at {folder}");
            return;
        }
        var (nelbo, vaeRecon, aeRecon) = Aurocs(Datasets.LoadMnistFolder(folder).Test![..50]);
        Assert.True(Math.Min(nelbo, Math.Min(vaeRecon, aeRecon)) >= 0.9, $"AUROCs {nelbo}, {vaeRecon}, {aeRecon}");
    }
}
