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
