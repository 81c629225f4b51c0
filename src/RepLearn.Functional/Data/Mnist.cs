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
    /// labels file has one label per image. Before any data is read, the headers of all four files are read and
    /// their declared sizes together (<see cref="Idx.LoadedBytesPerPixel"/> per pixel,
    /// <see cref="Idx.LoadedBytesPerLabel"/> per label) are checked against <paramref name="budget"/>.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="classCount">Number of classes, 1 to 256 (10 for MNIST).</param>
    /// <param name="budget">The memory the data may take; null: <see cref="MemoryBudget.Default"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A training file is missing, or only one test file is present.</exception>
    /// <exception cref="InvalidDataException">A file is not valid IDX, a label is out of range, counts differ, or the data needs more memory than the budget.</exception>
    public static MnistFolder LoadFolder(string directory, int classCount = Idx.MnistClassCount, MemoryBudget? budget = null)
    {
        budget ??= MemoryBudget.Default;
        var files = Locate(directory);
        RequireBudget(files, directory, budget, extraBytesPerPixel: 0, extraBytesPerImage: 0);
        var train = Idx.LoadPair(files.TrainImages, files.TrainLabels, classCount, budget);
        var test = files.TestImages is null ? null : Idx.LoadPair(files.TestImages, files.TestLabels!, classCount, budget);
        return new MnistFolder(train, test);
    }

    /// <summary>
    /// Finds the files of a folder in the standard MNIST layout (raw preferred over .gz) without reading them.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A training file is missing, or only one test file is present.</exception>
    public static MnistFiles Locate(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"MNIST folder not found: {directory}");
        var trainImages = Find(directory, TrainImages) ?? throw Missing(directory, TrainImages);
        var trainLabels = Find(directory, TrainLabels) ?? throw Missing(directory, TrainLabels);
        var testImages = Find(directory, TestImages);
        var testLabels = Find(directory, TestLabels);
        return (testImages, testLabels) switch
        {
            (not null, null) => throw Missing(directory, TestLabels),
            (null, not null) => throw Missing(directory, TestImages),
            _ => new MnistFiles(trainImages, trainLabels, testImages, testLabels),
        };
    }

    /// <summary>
    /// Reads the four headers and refuses (InvalidDataException naming the folder) when loading would take more than
    /// <paramref name="budget"/>: <see cref="Idx.LoadedBytesPerPixel"/> + <paramref name="extraBytesPerPixel"/> per pixel
    /// and <see cref="Idx.LoadedBytesPerLabel"/> + <paramref name="extraBytesPerImage"/> per image. Returns the declared image
    /// shapes (train, then test). A caller that copies the data (the facade's jagged arrays) passes what its copy costs.
    /// </summary>
    /// <exception cref="InvalidDataException">A header is bad, or the data is over budget.</exception>
    public static IReadOnlyList<(int Count, int Rows, int Cols)> RequireBudget(MnistFiles files, string directory, MemoryBudget budget,
        long extraBytesPerPixel, long extraBytesPerImage)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentOutOfRangeException.ThrowIfNegative(extraBytesPerPixel);
        ArgumentOutOfRangeException.ThrowIfNegative(extraBytesPerImage);
        var shapes = files.Images.Select(Idx.ReadImageShape).ToList();
        var labels = files.Labels.Select(Idx.ReadLabelCount).ToList();
        var bytes = MemoryFootprint.Sum([
            .. shapes.Select(s => MemoryFootprint.DataBytes([s.Count, s.Rows, s.Cols], Idx.LoadedBytesPerPixel + extraBytesPerPixel)),
            .. labels.Select(n => MemoryFootprint.DataBytes([n], Idx.LoadedBytesPerLabel + extraBytesPerImage))]);
        var declared = string.Join(" and ", shapes.Select(s => $"{MemoryBudget.ShowCount(s.Count)} images of {s.Rows}x{s.Cols}"));
        if (budget.Refusal(bytes, $"the MNIST files declare {declared}", "to load") is { } refusal)
            throw new InvalidDataException($"{directory}: {refusal}");
        return shapes;
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
