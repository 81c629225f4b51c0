namespace RepLearn.Functional.Data;

/// <summary>
/// Loads a folder in the standard MNIST layout (the file names of LeCun's distribution, raw or with a
/// .gz suffix). When both forms of a file exist the uncompressed one is read, as torchvision does.
/// </summary>
/// <example><code>
/// MnistFolder mnist = Mnist.LoadFolder("data/mnist");
/// Tensor x = mnist.Train.Images; // n x 784 in [0, 1]
/// </code></example>
public static class Mnist
{
    /// <summary>Training images file name (without .gz).</summary>
    public const string TrainImages = "train-images-idx3-ubyte";

    /// <summary>Training labels file name (without .gz).</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";

    /// <summary>Test images file name (without .gz).</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";

    /// <summary>Test labels file name (without .gz).</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>
    /// Reads the training pair (required) and the test pair (optional: both files or neither) from
    /// <paramref name="directory"/>, checking every file as <see cref="Idx"/> does and that each
    /// labels file has one label per image.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A training file is missing, or only one test file is present.</exception>
    /// <exception cref="InvalidDataException">A file is not valid IDX, a label is out of range, or counts differ.</exception>
    public static MnistFolder LoadFolder(string directory, int classCount = Idx.MnistClassCount)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"MNIST folder not found: {directory}");
        var trainImages = Find(directory, TrainImages) ?? throw Missing(directory, TrainImages);
        var trainLabels = Find(directory, TrainLabels) ?? throw Missing(directory, TrainLabels);
        var train = Idx.LoadPair(trainImages, trainLabels, classCount);

        var testImages = Find(directory, TestImages);
        var testLabels = Find(directory, TestLabels);
        var test = (testImages, testLabels) switch
        {
            (null, null) => null,
            (not null, null) => throw Missing(directory, TestLabels),
            (null, not null) => throw Missing(directory, TestImages),
            var (images, labels) => Idx.LoadPair(images, labels, classCount),
        };
        return new MnistFolder(train, test);
    }

    /// <summary>The path of <paramref name="stem"/> or <paramref name="stem"/>.gz in the folder, raw first; null if neither exists.</summary>
    private static string? Find(string directory, string stem)
    {
        var raw = Path.Combine(directory, stem);
        if (File.Exists(raw)) return raw;
        var gz = raw + ".gz";
        return File.Exists(gz) ? gz : null;
    }

    private static FileNotFoundException Missing(string directory, string stem) =>
        new($"{Path.Combine(directory, stem)}[.gz] not found in the MNIST folder", Path.Combine(directory, stem));
}
