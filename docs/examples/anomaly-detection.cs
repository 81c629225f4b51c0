#:property Configuration=Release
#:property PublishAot=false
#:project ../../src/RepLearn/RepLearn.csproj

// Anomaly detection with per-row scores (docs/anomaly-detection.md).
// Run from the repository root:  dotnet run docs/examples/anomaly-detection.cs [mnist-folder]
// Trains a VAE and an autoencoder on generated shapes, scores a test set of normal shapes with 5% planted anomalies,
// and prints the AUROC of each score. Anomalies: two shapes overlaid in one image (always), and MNIST digits when the
// folder (default ../shared/data/mnist10k) is present.

using System.Globalization;
using RepLearn;

var mnistFolder = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "mnist10k");
var shapes = Datasets.Shapes(trainCount: 2000, testCount: 950, seed: 0);
var train = shapes.Train;
var normal = shapes.Test!;

// Planted anomalies, 50 of each kind (5% of a 1000-row test set).
var extra = Datasets.Shapes(trainCount: 100, testCount: 1, seed: 5).Train;
double[][] overlaid = [.. Enumerable.Range(0, 50).Select(i => extra[2 * i].Zip(extra[2 * i + 1], Math.Max).ToArray())];
var anomalySets = new List<(string Name, double[][] Rows)> { ("two shapes overlaid", overlaid) };
if (Directory.Exists(mnistFolder)) anomalySets.Add(("MNIST digits", Datasets.LoadMnistFolder(mnistFolder).Test![..50]));
else Console.WriteLine($"(no MNIST folder at {mnistFolder}: the digit anomalies are skipped)");

var options = new TrainOptions { Epochs = 10, BatchSize = 64, LearningRate = 1e-3 };
var vae = new Vae(inputDim: 784, latentDim: 8, hiddenDims: [128], seed: 1);
var ae = new Autoencoder(inputDim: 784, latentDim: 8, hiddenDims: [128], seed: 1);
Console.WriteLine($"VAE: final train loss {vae.Fit(train, options).FinalTrainLoss:F2} nats");
Console.WriteLine($"AE:  final train loss {ae.Fit(train, options).FinalTrainLoss:F3}");

foreach (var (name, anomalies) in anomalySets)
{
    double[][] test = [.. normal, .. anomalies];
    bool[] isAnomaly = [.. normal.Select(_ => false), .. anomalies.Select(_ => true)];
    var v = vae.Scores(test);
    var a = ae.Scores(test);
    Console.WriteLine($"{name} ({anomalies.Length} of {test.Length} rows):");
    Console.WriteLine($"  VAE negative ELBO            AUROC {Show(Evaluation.Auroc(v.NegativeElbo!, isAnomaly))}");
    Console.WriteLine($"  VAE reconstruction (BCE)     AUROC {Show(Evaluation.Auroc(v.ReconstructionError, isAnomaly))}");
    Console.WriteLine($"  AE reconstruction (sq. err.) AUROC {Show(Evaluation.Auroc(a.ReconstructionError, isAnomaly))}");
}

static string Show(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
