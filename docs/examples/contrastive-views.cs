#:property Configuration=Release
#:property PublishAot=false
#:project ../../src/RepLearn/RepLearn.csproj

// Which views make a contrastive code linearly separable (docs/lecture-4-contrastive.md, "Choosing the views").
// Run from the repository root:  dotnet run -c Release docs/examples/contrastive-views.cs [image-folder] [epochs] [width ...]
// Trains the facade's ContrastiveEncoder on an MNIST-layout folder (default ../shared/data/mnist10k) three times per width
// (default 20 and 64): as Lecture 4 first set it up (Light views, a 256-wide encoder, head as wide as the code, tau 0.1,
// batch 256), with the strong views and a 256-wide head projecting to 64 on that encoder (batch 64), and with the
// defaults, which are the measured recipe (that, on a 2048-wide encoder at tau 0.2); prints the linear-probe and 5-NN test
// accuracy of each code beside PCA of the same width, all with seed 1. About 3-4 minutes per 256-wide strong run of 20
// epochs on one core, 3-4 times that for the defaults.

using System.Globalization;
using RepLearn;
using RepLearn.Functional.Models;

var folder = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "mnist10k");
var epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
int[] widths = args.Length > 2 ? [.. args[2..].Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [20, 64];
var data = Datasets.LoadMnistFolder(folder);
var (train, trainLabels, test, testLabels) = (data.Train, data.TrainLabels!, data.Test!, data.TestLabels!);
var side = data.ImageSide!.Value;
Console.WriteLine($"{data.Description}: {train.Length} training and {test.Length} test images of {side}x{side}, {epochs} epochs, seed 1");
Console.WriteLine("| width | code | linear probe | 5-NN |");
Console.WriteLine("| ---: | --- | ---: | ---: |");

foreach (var width in widths)
{
    var (pcaTrain, pcaTest) = Evaluation.Pca(train, test, width);
    Row(width, $"PCA-{width} of the pixels", pcaTrain, pcaTest);
    var light = new ContrastiveEncoder(train[0].Length, representationDim: width, projectionDim: Math.Max(1, width / 2), hiddenDims: [256],
        temperature: 0.1, seed: 1, imageSide: side, augmentation: ImageAugmentation.Light, projectionHiddenDim: width);
    light.Fit(train, new TrainOptions { Epochs = epochs, BatchSize = 256 });
    Row(width, "contrastive, Light views, encoder 784-256-width, tau 0.1, head width x width -> width/2, batch 256", light.Encode(train), light.Encode(test));
    var strong = new ContrastiveEncoder(train[0].Length, representationDim: width, hiddenDims: [256], temperature: 0.1, seed: 1, imageSide: side);
    strong.Fit(train, new TrainOptions { Epochs = epochs, BatchSize = 64 });
    Row(width, "contrastive, Strong views, encoder 784-256-width, tau 0.1, head width x 256 -> 64, batch 64", strong.Encode(train), strong.Encode(test));
    var defaults = new ContrastiveEncoder(train[0].Length, representationDim: width, seed: 1, imageSide: side);
    defaults.Fit(train, new TrainOptions { Epochs = epochs, BatchSize = 64 });
    Row(width, "contrastive, the defaults: Strong views, encoder 784-2048-width, tau 0.2, head width x 256 -> 64, batch 64", defaults.Encode(train), defaults.Encode(test));
}

void Row(int width, string name, double[][] codesTrain, double[][] codesTest)
{
    var (probe, _) = Evaluation.LinearProbe(codesTrain, trainLabels, codesTest, testLabels);
    var knn = Evaluation.KnnAccuracy(codesTrain, trainLabels, codesTest, testLabels);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {width} | {name} | {100 * probe:F2} % | {100 * knn:F2} % |"));
}
