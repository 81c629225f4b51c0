namespace RepLearn;

/// <summary>A data set as plain arrays: rows of features, optional labels, optional test split.</summary>
/// <param name="Train">Training rows.</param>
/// <param name="TrainLabels">Class labels of the training rows, or null.</param>
/// <param name="Test">Test rows, or null.</param>
/// <param name="TestLabels">Class labels of the test rows, or null.</param>
/// <param name="ImageSide">Side of the square images when the rows are images, else null.</param>
/// <param name="Description">Where the data came from, for reports.</param>
public sealed record Dataset(double[][] Train, int[]? TrainLabels, double[][]? Test, int[]? TestLabels, int? ImageSide, string Description)
{
    /// <summary>Row width.</summary>
    public int Width => Train.Length == 0 ? 0 : Train[0].Length;
}

/// <summary>
/// Loading real data (MNIST IDX files, CSV) and generating data with known structure. Loaders validate
/// everything (NUMERICS.md) and throw <see cref="InvalidDataException"/> naming the file and the failed check.
/// IDX loaders read the headers first and refuse data that would take more memory than the budget
/// (<c>memoryBudget</c> bytes; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory), counting
/// the arrays returned here: a file declaring 100,000,000 images is refused at once, before anything is inflated.
/// </summary>
public static class Datasets
{
    /// <summary>Bytes per image of the jagged rows returned here, beyond the pixels: a row array's header and reference, and a label.</summary>
    private const long BytesPerRow = 24 + 8 + 4;

    /// <summary>The declared shape of an IDX images file (raw or gzip), from its header alone: check the width before loading.</summary>
    /// <exception cref="InvalidDataException">The header is bad, or declares more data than the file holds.</exception>
    public static (int Count, int Rows, int Cols) ReadIdxImageShape(string path) => Idx.ReadImageShape(path);

    /// <summary>Images from an IDX file (raw or gzip), one row of pixels scaled to [0, 1] per image.</summary>
    /// <exception cref="InvalidDataException">The file is bad, or loading it would exceed the memory budget.</exception>
    public static double[][] LoadIdxImages(string path, long? memoryBudget = null)
    {
        var budget = Budgets.Resolve(memoryBudget);
        var (count, rows, cols) = Idx.ReadImageShape(path);
        var bytes = MemoryFootprint.Sum(MemoryFootprint.DataBytes([count, rows, cols], Idx.LoadedBytesPerPixel + MemoryFootprint.BytesPerDouble),
            MemoryFootprint.Product(count, BytesPerRow));
        if (budget.Refusal(bytes, $"declared {count}x{rows}x{cols} images", "to load as rows") is { } refusal)
            throw new InvalidDataException($"{path}: {refusal}");
        return Idx.LoadImages(path, budget).ToRows();
    }

    /// <summary>Labels from an IDX file (raw or gzip), each in 0..9.</summary>
    /// <exception cref="InvalidDataException">The file is bad, or loading it would exceed the memory budget.</exception>
    public static int[] LoadIdxLabels(string path, long? memoryBudget = null) => Idx.LoadLabels(path, budget: Budgets.Resolve(memoryBudget));

    /// <summary>
    /// A folder in the standard MNIST layout (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],
    /// and optionally the t10k-* test files). All four headers are read and checked against the memory budget
    /// before any data is.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is bad, or the data would exceed the memory budget (the message names the folder).</exception>
    public static Dataset LoadMnistFolder(string directory, long? memoryBudget = null)
    {
        var budget = Budgets.Resolve(memoryBudget);
        Mnist.RequireBudget(Mnist.Locate(directory), directory, budget, MemoryFootprint.BytesPerDouble, BytesPerRow);
        var folder = Mnist.LoadFolder(directory, budget: budget);
        var side = (int)Math.Round(Math.Sqrt(folder.Train.Images.Cols));
        return new Dataset(folder.Train.Images.ToRows(), folder.Train.Labels.ToArray(), folder.Test?.Images.ToRows(), folder.Test?.Labels.ToArray(),
            side * side == folder.Train.Images.Cols ? side : null, $"MNIST-layout folder {directory}");
    }

    /// <summary>
    /// A numeric CSV file (invariant culture; header row detected); the column named "label" (or
    /// <paramref name="labelColumn"/>) becomes the labels when present. The values read (with the rows returned
    /// here, 32 bytes each) are checked against the memory budget as the file is read.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is bad, or outgrows the memory budget (the message names the line).</exception>
    public static Dataset LoadCsv(string path, string? labelColumn = null, long? memoryBudget = null)
    {
        var options = new CsvOptions { LabelColumn = labelColumn, Budget = Budgets.Resolve(memoryBudget), LoadedBytesPerValue = 4 * MemoryFootprint.BytesPerDouble };
        var data = Csv.Load(path, options);
        if (labelColumn is null && data.Labels is null && data.FeatureNames?.Contains("label") == true)
            data = Csv.Load(path, options with { LabelColumn = "label" });
        return new Dataset(data.Features.ToRows(), data.Labels?.ToArray(), null, null, null, $"CSV file {path}");
    }

    /// <summary>
    /// dSprites-like shapes (28 x 28, pixels in [0, 1]) with their ground-truth factors (shape, scale,
    /// orientation, x, y): <paramref name="trainCount"/> training and <paramref name="testCount"/> test images;
    /// labels are the shape. The same seed gives the same images everywhere.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">trainCount &lt; 1 or testCount &lt; 0.</exception>
    /// <exception cref="ArgumentException">The images (784 pixels each, as a tensor and as rows) need more memory than the budget (ParamName trainCount or testCount, the larger).</exception>
    public static Dataset Shapes(int trainCount = 8000, int testCount = 2000, long seed = 0, long? memoryBudget = null)
    {
        if (trainCount < 1) throw new ArgumentOutOfRangeException(nameof(trainCount), trainCount, $"trainCount must be >= 1, got {trainCount}");
        if (testCount < 0) throw new ArgumentOutOfRangeException(nameof(testCount), testCount, $"testCount must be >= 0, got {testCount}");
        Budgets.Resolve(memoryBudget).Require(
            MemoryFootprint.Product(MemoryFootprint.Sum(trainCount, testCount), MemoryFootprint.Sum(28 * 28 * 2 * MemoryFootprint.BytesPerDouble, BytesPerRow)),
            $"{MemoryBudget.ShowCount(trainCount)} training and {MemoryBudget.ShowCount(testCount)} test images of 28x28",
            testCount > trainCount ? nameof(testCount) : nameof(trainCount), "to generate");
        var key = Key.FromSeed(seed);
        var train = Functional.Data.Shapes.Generate(key.FoldIn(0), trainCount);
        var test = testCount > 0 ? Functional.Data.Shapes.Generate(key.FoldIn(1), testCount) : null;
        return new Dataset(train.Images.ToRows(), Functional.Data.Shapes.Label(train), test?.Images.ToRows(),
            test is null ? null : Functional.Data.Shapes.Label(test), 28, $"generated shapes (seed {seed})");
    }

    /// <summary>The ground-truth factor indices (n x 5: shape, scale, orientation, x, y) of <see cref="Shapes"/>' training set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">trainCount &lt; 0.</exception>
    /// <exception cref="ArgumentException">Generating the images needs more memory than the budget (ParamName trainCount).</exception>
    public static int[][] ShapesFactors(int trainCount = 8000, long seed = 0, long? memoryBudget = null)
    {
        if (trainCount < 0) throw new ArgumentOutOfRangeException(nameof(trainCount), trainCount, $"trainCount must be >= 0, got {trainCount}");
        Budgets.Resolve(memoryBudget).Require(MemoryFootprint.Product(trainCount, 28 * 28 * MemoryFootprint.BytesPerDouble + BytesPerRow),
            $"{MemoryBudget.ShowCount(trainCount)} images of 28x28", nameof(trainCount), "to generate");
        var data = Functional.Data.Shapes.Generate(Key.FromSeed(seed).FoldIn(0), trainCount);
        return [.. data.Factors.Select(row => row.ToArray())];
    }
}
