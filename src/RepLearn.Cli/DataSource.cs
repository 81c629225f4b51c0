namespace RepLearn.Cli;

/// <summary>Resolves --data: "shapes" (generated), a folder in the MNIST IDX layout, or a CSV file.</summary>
internal static class DataSource
{
    public const string Shapes = "shapes";

    public static Dataset Load(string spec, long seed)
    {
        var data = Read(spec, seed);
        if (data.Train.Length == 0) throw new UsageException($"--data {spec} has no training rows");
        if (data.Width == 0) throw new UsageException($"--data {spec}: the rows have no features");
        return data;
    }

    /// <summary>
    /// For an IDX folder, checks the images' width against <paramref name="width"/> from the file header alone, so a model
    /// that does not fit the data is refused before any image is read (the other sources are small or generated).
    /// </summary>
    public static void RequireWidth(string spec, int width)
    {
        if (!Directory.Exists(spec)) return;
        var images = new[] { "train-images-idx3-ubyte", "train-images-idx3-ubyte.gz" }.Select(f => Path.Combine(spec, f)).FirstOrDefault(File.Exists);
        if (images is null) return; // Load names what is missing
        var (_, rows, cols) = Datasets.ReadIdxImageShape(images);
        if ((long)rows * cols != width) throw new UsageException($"--data {spec} has images of {rows}x{cols} = {(long)rows * cols} values; the model expects {width}");
    }

    private static Dataset Read(string spec, long seed)
    {
        if (string.Equals(spec, Shapes, StringComparison.OrdinalIgnoreCase)) return Datasets.Shapes(8000, 2000, seed);
        if (Directory.Exists(spec)) return Datasets.LoadMnistFolder(spec);
        if (File.Exists(spec))
        {
            if (!spec.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"--data {spec}: a file must be a .csv; for MNIST give the folder that holds the IDX files");
            return Datasets.LoadCsv(spec);
        }
        throw new UsageException($"--data {spec}: no such folder or file (use 'shapes', a folder of MNIST IDX files, or a .csv file)");
    }
}
