#:property Configuration=Release
#:property PublishAot=false
#:project ../src/RepLearn/RepLearn.csproj

// The pixel rows of docs/benchmarks (bench/image-representations.sh): the linear probe, its bound H(y) - CE and 5-NN on the
// raw pixels and on their top WIDTH principal components (fitted on the training images), scored on the test images the
// same way `replearn eval` scores a model's codes. Prints one tab-separated line per row: name, probe, bound (nats), 5-NN.
// All three are deterministic (no seed). Run from the repository root:  dotnet run -c Release bench/pixel-baselines.cs -- DATA WIDTH

using System.Globalization;
using RepLearn;
using RepLearn.Functional.Information;

var data = Datasets.LoadMnistFolder(args[0]);
var width = int.Parse(args[1], CultureInfo.InvariantCulture);
var (pcaTrain, pcaTest) = Evaluation.Pca(data.Train, data.Test!, width);
Row($"raw pixels ({data.Width}-d)", data.Train, data.Test!);
Row($"PCA-{width} of the pixels", pcaTrain, pcaTest);

void Row(string name, double[][] train, double[][] test)
{
    var (accuracy, crossEntropy) = Evaluation.LinearProbe(train, data.TrainLabels!, test, data.TestLabels!);
    var knn = Evaluation.KnnAccuracy(train, data.TrainLabels!, test, data.TestLabels!);
    var bound = DiscreteInformation.Entropy(data.TestLabels!) - crossEntropy;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{accuracy * 100:F2}\t{bound:F3}\t{knn * 100:F2}"));
}
