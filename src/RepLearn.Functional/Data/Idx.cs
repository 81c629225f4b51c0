namespace RepLearn.Functional.Data;

/// <summary>
/// Reads the IDX layout of the MNIST database (LeCun, Cortes, Burges), raw or gzip (detected by the
/// magic bytes 1F 8B). Layout: bytes 0-1 are zero, byte 2 the type code (0x08 = unsigned byte, the
/// only one MNIST uses; 0x09, 0x0B, 0x0C, 0x0D, 0x0E are recognised and rejected), byte 3 the number of
/// dimensions, then one big-endian u32 per dimension, then prod(dimensions) elements, nothing after.
/// A gzip file holds one member, verified to its trailer (CRC-32 and ISIZE of the inflated bytes, nothing
/// after it). Every check fails with an <see cref="InvalidDataException"/> whose message starts with the file
/// name and says which check failed. A declared size never drives an allocation before it is checked against
/// the data the file can hold (its length; for gzip, the trailer's ISIZE and the most the body can inflate to,
/// without inflating) and against the memory budget (<see cref="LoadedBytesPerPixel"/> and
/// <see cref="LoadedBytesPerLabel"/> per element), so a 97 KB file declaring 100,000,000 images is refused at once.
/// </summary>
/// <example><code>
/// Tensor images = Idx.LoadImages("train-images-idx3-ubyte.gz"); // n x 784, values in [0, 1]
/// int[] labels = Idx.LoadLabels("train-labels-idx1-ubyte.gz"); // n labels in 0..9
/// </code></example>
public static class Idx
{
    /// <summary>The number of MNIST classes: labels lie in 0..9.</summary>
    public const int MnistClassCount = 10;

    /// <summary>9 bytes per pixel while loading images: the byte read from the file and the double it becomes.</summary>
    public const int LoadedBytesPerPixel = 1 + 8;

    /// <summary>5 bytes per label while loading labels: the byte read from the file and the int it becomes.</summary>
    public const int LoadedBytesPerLabel = 1 + 4;

    /// <summary>
    /// The declared shape of an images file (type 0x08, 3 dimensions), from its header alone: the header is
    /// checked, and the declared size against the file's length (raw) or gzip trailer (nothing is inflated past
    /// the 16-byte header), so a caller can check the image width against a model before loading the data.
    /// </summary>
    /// <exception cref="InvalidDataException">The header is bad or declares more data than the file holds.</exception>
    public static (int Count, int Rows, int Cols) ReadImageShape(string path)
    {
        using var file = File.OpenRead(path);
        return ReadImageShape(file, path);
    }

    /// <summary>The declared shape of an images file read from <paramref name="stream"/>; see <see cref="ReadImageShape(string)"/>.</summary>
    public static (int Count, int Rows, int Cols) ReadImageShape(Stream stream, string source)
    {
        var header = IdxReader.ReadShape(stream, new IdxReader.Context(source, "images", 3, LoadedBytesPerPixel, Budget: null));
        return ((int)header.Dimensions[0], (int)header.Dimensions[1], (int)header.Dimensions[2]);
    }

    /// <summary>The declared count of a labels file (type 0x08, 1 dimension), from its header alone; see <see cref="ReadImageShape(string)"/>.</summary>
    /// <exception cref="InvalidDataException">The header is bad or declares more data than the file holds.</exception>
    public static int ReadLabelCount(string path)
    {
        using var file = File.OpenRead(path);
        var header = IdxReader.ReadShape(file, new IdxReader.Context(path, "labels", 1, LoadedBytesPerLabel, Budget: null));
        return (int)header.Dimensions[0];
    }

    /// <summary>
    /// Reads an images file (type 0x08, 3 dimensions n x rows x cols) from <paramref name="stream"/>
    /// as an n x (rows * cols) tensor with pixel p mapped to p / 255, so values lie in [0, 1].
    /// </summary>
    /// <param name="stream">Raw or gzip IDX bytes; read to the end, not disposed.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <param name="budget">The memory the images may take (<see cref="LoadedBytesPerPixel"/> per pixel); null: <see cref="MemoryBudget.Default"/>.</param>
    /// <exception cref="InvalidDataException">The data breaks one of the IDX checks, or needs more memory than the budget.</exception>
    public static Tensor ReadImages(Stream stream, string source, MemoryBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (header, data) = IdxReader.ReadUnsignedBytes(stream, new IdxReader.Context(source, "images", 3, LoadedBytesPerPixel, budget ?? MemoryBudget.Default));
        var pixels = header.Dimensions[1] * header.Dimensions[2];
        if (pixels > int.MaxValue)
            throw IdxReader.Fail(source, $"declared size too large: images of {header.Dimensions[1]}x{header.Dimensions[2]} pixels exceed {int.MaxValue}");
        var n = (int)header.Dimensions[0];
        var buffer = Tensor.NewUninitialized(n, (int)pixels);
        for (var i = 0; i < buffer.Length; i++) buffer[i] = data[i] / 255.0;
        return Tensor.Wrap(n, (int)pixels, buffer);
    }

    /// <summary>
    /// Reads a labels file (type 0x08, 1 dimension n) from <paramref name="stream"/>; every label must
    /// lie in 0 .. <paramref name="classCount"/> - 1.
    /// </summary>
    /// <param name="stream">Raw or gzip IDX bytes; read to the end, not disposed.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <param name="classCount">Number of classes, 1 to 256 (10 for MNIST).</param>
    /// <param name="budget">The memory the labels may take (<see cref="LoadedBytesPerLabel"/> each); null: <see cref="MemoryBudget.Default"/>.</param>
    /// <exception cref="InvalidDataException">The data breaks one of the IDX checks, a label is out of range, or the labels need more memory than the budget.</exception>
    public static int[] ReadLabels(Stream stream, string source, int classCount = MnistClassCount, MemoryBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckClassCount(classCount);
        var (_, data) = IdxReader.ReadUnsignedBytes(stream, new IdxReader.Context(source, "labels", 1, LoadedBytesPerLabel, budget ?? MemoryBudget.Default));
        var labels = new int[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] >= classCount)
                throw IdxReader.Fail(source, $"label out of range: label {data[i]} at index {i} is outside 0..{classCount - 1}");
            labels[i] = data[i];
        }
        return labels;
    }

    /// <summary>Reads an images file from disk; see <see cref="ReadImages"/>.</summary>
    public static Tensor LoadImages(string path, MemoryBudget? budget = null)
    {
        using var file = File.OpenRead(path);
        return ReadImages(file, path, budget);
    }

    /// <summary>Reads a labels file from disk; see <see cref="ReadLabels"/>.</summary>
    public static int[] LoadLabels(string path, int classCount = MnistClassCount, MemoryBudget? budget = null)
    {
        CheckClassCount(classCount);
        using var file = File.OpenRead(path);
        return ReadLabels(file, path, classCount, budget);
    }

    /// <summary>
    /// Reads an images file and its labels file and checks that there is one label per image.
    /// </summary>
    /// <exception cref="InvalidDataException">Either file is bad or over the budget, or the counts differ.</exception>
    public static LabeledSplit LoadPair(string imagesPath, string labelsPath, int classCount = MnistClassCount, MemoryBudget? budget = null) =>
        Pair(LoadImages(imagesPath, budget), LoadLabels(labelsPath, classCount, budget), imagesPath, labelsPath);

    /// <summary>
    /// Pairs images with labels after checking that the label count equals the image count
    /// (the number of rows of <paramref name="images"/>). The split holds an immutable copy of
    /// <paramref name="labels"/>: later writes to the array do not reach it.
    /// </summary>
    /// <exception cref="InvalidDataException">The counts differ.</exception>
    [Pure]
    public static LabeledSplit Pair(Tensor images, int[] labels, string imagesSource, string labelsSource)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != images.Rows)
            throw new InvalidDataException(
                $"{labelsSource}: label count differs from image count: {labels.Length} labels for the {images.Rows} images of {imagesSource}");
        return new LabeledSplit(images, [.. labels]);
    }

    private static void CheckClassCount(int classCount)
    {
        if (classCount is < 1 or > 256)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "unsigned-byte labels allow 1 to 256 classes");
    }
}
