using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>The facade's <see cref="Datasets"/> and <see cref="Evaluation"/>: shapes, determinism, labels and argument checks.</summary>
public sealed class DatasetsAndEvaluationTests
{
    [Fact]
    public void Shapes_are_deterministic_images_with_labels_and_a_test_split()
    {
        var a = Datasets.Shapes(32, 8, seed: 5);
        var b = Datasets.Shapes(32, 8, seed: 5);
        Assert.Equal(Bits(a.Train), Bits(b.Train));
        Assert.Equal(Bits(a.Test!), Bits(b.Test!));
        Assert.NotEqual(Bits(a.Train), Bits(Datasets.Shapes(32, 8, seed: 6).Train));
        Assert.Equal((32, 8, 784, 28), (a.Train.Length, a.Test!.Length, a.Width, a.ImageSide!.Value));
        Assert.Equal(32, a.TrainLabels!.Length);
        Assert.Equal(8, a.TestLabels!.Length);
        Assert.All(a.Train.SelectMany(r => r), v => Assert.InRange(v, 0.0, 1.0));
        Assert.Null(Datasets.Shapes(4, 0).Test);
        Assert.Equal(32, Datasets.ShapesFactors(32, seed: 5).Length);

        Assert.Equal("trainCount", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Shapes(0, 8)).ParamName);
        Assert.Equal("testCount", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Shapes(8, -1)).ParamName);
    }

    [Fact]
    public void LoadCsv_takes_the_label_column_and_rejects_bad_files_with_line_and_column()
    {
        using var dir = new TempFolder();
        var good = dir.File("good.csv");
        File.WriteAllText(good, "x,y,label\n0.5,1e-3,1\n-2,3.25,0\n");
        var data = Datasets.LoadCsv(good);
        Assert.Equal([[0.5, 1e-3], [-2, 3.25]], data.Train);
        Assert.Equal([1, 0], data.TrainLabels!);
        Assert.Null(data.Test);
        Assert.Null(data.ImageSide);

        var bad = dir.File("bad.csv");
        File.WriteAllText(bad, "x,y\n0.5,abc\n");
        var e = Assert.Throws<InvalidDataException>(() => Datasets.LoadCsv(bad));
        Assert.Contains("line 2", e.Message);
        Assert.Contains("column 2", e.Message);
    }

    [Fact]
    public void Pca_projects_to_the_requested_width()
    {
        static double[][] Rows(int n, int offset) =>
            [.. Enumerable.Range(offset, n).Select(i => Enumerable.Range(0, 16).Select(j => Math.Sin(0.37 * i + 1.3 * j) * (1 + j % 4)).ToArray())];
        var (trainRows, testRows) = (Rows(100, 0), Rows(20, 500));
        var (train, test) = Evaluation.Pca(trainRows, testRows, components: 3);
        Assert.Equal(100, train.Length);
        Assert.Equal(20, test.Length);
        Assert.All(train.Concat(test), row => Assert.Equal(3, row.Length));
        // Components are centred on the training mean, and ordered by the variance they carry.
        for (var j = 0; j < 3; j++) Assert.Equal(0.0, train.Average(r => r[j]), 9);
        var variances = Enumerable.Range(0, 3).Select(j => train.Average(r => r[j] * r[j])).ToArray();
        Assert.True(variances[0] >= variances[1] && variances[1] >= variances[2], string.Join(", ", variances));
    }

    [Fact]
    public void Knn_and_linear_probe_separate_well_separated_classes()
    {
        // Three clusters in 5-D, centred 6 apart, with unit-scale deterministic jitter.
        static (double[][] X, int[] Y) Clusters(int n, int offset) =>
            (Enumerable.Range(offset, n).Select(i => Enumerable.Range(0, 5).Select(j => 6.0 * (i % 3 == j ? 1 : 0) + Math.Sin(7.1 * i + 3.3 * j)).ToArray()).ToArray(),
             Enumerable.Range(offset, n).Select(i => i % 3).ToArray());
        var (xTrain, yTrain) = Clusters(90, 0);
        var (xTest, yTest) = Clusters(30, 1000);
        Assert.True(Evaluation.KnnAccuracy(xTrain, yTrain, xTest, yTest, k: 5) >= 0.95);
        var (accuracy, crossEntropy) = Evaluation.LinearProbe(xTrain, yTrain, xTest, yTest);
        Assert.True(accuracy >= 0.95, $"probe accuracy {accuracy}");
        Assert.InRange(crossEntropy, 0, Math.Log(3));
    }

    [Fact]
    public void Evaluation_checks_its_arguments()
    {
        var labels = TinyModels.Data.TrainLabels!;
        Assert.Equal("components", Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.Pca([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0]], 0)).ParamName);
        Assert.Equal("components", Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.Pca([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0]], 3)).ParamName);
        Assert.Equal("test", Assert.ThrowsAny<ArgumentException>(() => Evaluation.Pca(Train, [[1.0, 2.0]], 2)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.KnnAccuracy(Train, labels, Test, TinyModels.Data.TestLabels!, k: 0)).ParamName);
        Assert.Equal("trainLabels", Assert.ThrowsAny<ArgumentException>(() => Evaluation.KnnAccuracy(Train, labels[..10], Test, TinyModels.Data.TestLabels!)).ParamName);
        Assert.Equal("trainFeatures", Assert.ThrowsAny<ArgumentException>(() => Evaluation.LinearProbe([], [], Test, TinyModels.Data.TestLabels!)).ParamName);
        var nan = Train.Select(r => (double[])r.Clone()).ToArray();
        nan[1][2] = double.NaN;
        Assert.Contains("[1][2]", Assert.ThrowsAny<ArgumentException>(() => Evaluation.KnnAccuracy(nan, labels, Test, TinyModels.Data.TestLabels!)).Message);
    }
}
