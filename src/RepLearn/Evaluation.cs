using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using CoreProbe = RepLearn.Functional.Evaluation.LinearProbe;
using CoreKnn = RepLearn.Functional.Evaluation.Knn;
using CorePca = RepLearn.Functional.Evaluation.Pca;

namespace RepLearn;

/// <summary>How good a representation is for classification: linear probes, k-NN, and the PCA baseline.</summary>
public static class Evaluation
{
    /// <summary>
    /// Accuracy on the test rows of multinomial logistic regression fitted on standardised training features
    /// (AdamW, 50 epochs, batch 256), with the probe's test cross-entropy in nats.
    /// </summary>
    public static (double Accuracy, double CrossEntropy) LinearProbe(double[][] trainFeatures, int[] trainLabels, double[][] testFeatures, int[] testLabels, long seed = 0, int epochs = 50)
    {
        var (train, test, classes) = Check(trainFeatures, trainLabels, testFeatures, testLabels);
        var probe = CoreProbe.Fit(train, trainLabels, classes, Key.FromSeed(seed), epochs);
        return (CoreProbe.Accuracy(probe.Predict(test), testLabels), probe.CrossEntropy(test, testLabels));
    }

    /// <summary>Accuracy of k-nearest-neighbour voting under cosine similarity.</summary>
    public static double KnnAccuracy(double[][] trainFeatures, int[] trainLabels, double[][] testFeatures, int[] testLabels, int k = 5)
    {
        var (train, test, classes) = Check(trainFeatures, trainLabels, testFeatures, testLabels);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be >= 1, got {k}");
        return CoreProbe.Accuracy(CoreKnn.Predict(train, trainLabels, test, classes, k), testLabels);
    }

    /// <summary>Projects both sets onto the top <paramref name="components"/> principal components of the training set.</summary>
    public static (double[][] Train, double[][] Test) Pca(double[][] train, double[][] test, int components)
    {
        var d = Validate.Matrix(train, nameof(train));
        Validate.Matrix(test, nameof(test), d);
        if (components < 1 || components > d) throw new ArgumentOutOfRangeException(nameof(components), components, $"components must be in [1, {d}], got {components}");
        var model = CorePca.Fit(Tensor.FromRows(train), components);
        return (model.Transform(Tensor.FromRows(train)).ToRows(), model.Transform(Tensor.FromRows(test)).ToRows());
    }

    private static (Tensor Train, Tensor Test, int Classes) Check(double[][] trainFeatures, int[] trainLabels, double[][] testFeatures, int[] testLabels)
    {
        var d = Validate.Matrix(trainFeatures, nameof(trainFeatures));
        Validate.Matrix(testFeatures, nameof(testFeatures), d);
        Validate.NotNull(trainLabels, nameof(trainLabels));
        Validate.NotNull(testLabels, nameof(testLabels));
        if (trainLabels.Length != trainFeatures.Length) throw new ArgumentException($"trainLabels has {trainLabels.Length} labels for {trainFeatures.Length} rows", nameof(trainLabels));
        if (testLabels.Length != testFeatures.Length) throw new ArgumentException($"testLabels has {testLabels.Length} labels for {testFeatures.Length} rows", nameof(testLabels));
        foreach (var y in trainLabels.Concat(testLabels))
            if (y < 0) throw new ArgumentOutOfRangeException(nameof(trainLabels), y, $"labels must be >= 0, got {y}");
        return (Tensor.FromRows(trainFeatures), Tensor.FromRows(testFeatures), Math.Max(trainLabels.Max(), testLabels.Max()) + 1);
    }
}
