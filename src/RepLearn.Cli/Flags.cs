namespace RepLearn.Cli;

/// <summary>Option definitions shared by the commands, and their range checks (run before any work).</summary>
internal static class Flags
{
    public static Option<string> Data() => new("--data") { Description = "shapes (generated, default), a folder of MNIST IDX files, or FILE.csv", DefaultValueFactory = _ => DataSource.Shapes };

    public static Option<long> Seed() => new("--seed") { Description = "seed for initialisation, shuffling, noise and generated data", DefaultValueFactory = _ => 1 };

    /// <summary>
    /// A number option parsed with the invariant culture and <see cref="NumberStyles.Float"/> only: "1e-3" and "0.001"
    /// are accepted, "0,001" is an error (the default double parsing reads the comma as a thousands separator, so
    /// a decimal comma would silently become 1).
    /// </summary>
    public static Option<double?> Number(string name, string description, double? defaultValue) =>
        Parsed(name, description, defaultValue, (string token, out double value) => double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            "a number written like 0.001 or 1e-3 (decimal point, no thousands separators)");

    /// <summary>A whole-number option parsed strictly with the invariant culture (no signs of thousands, no decimals).</summary>
    public static Option<int?> Integer(string name, string description, int? defaultValue) =>
        Parsed(name, description, defaultValue, (string token, out int value) => int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            "a whole number (e.g. 128)");

    private delegate bool TryParse<T>(string token, out T value);

    /// <summary>An option whose tokens are read by <paramref name="tryParse"/>; anything else is the error "NAME takes EXPECTED, got 'TOKEN'".</summary>
    private static Option<T?> Parsed<T>(string name, string description, T? defaultValue, TryParse<T> tryParse, string expected) where T : struct => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
            if (tryParse(token, out var value)) return value;
            result.AddError($"{name} takes {expected}, got '{token}'");
            return default;
        },
    };

    /// <summary>The core's check under the flag's name, its failure a usage error: "--epochs must be &gt;= 1, got 0".</summary>
    public static T Checked<T>(Func<T> check)
    {
        try { return check(); }
        catch (ArgumentException e) { throw new UsageException(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)); }
    }

    public static int AtLeast(int value, int min, string flag) => Checked(() => Check.AtLeast(value, min, flag));

    public static double Positive(double value, string flag) => Checked(() => Check.Positive(value, flag));

    public static double NonNegative(double value, string flag) => Checked(() => Check.NonNegative(value, flag));

    public static int[] Widths(string text, string flag)
    {
        if (text.Trim().Length == 0) return [];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1
            ? v : throw new UsageException($"{flag} takes comma-separated widths >= 1 (e.g. 400 or 512,256), got '{text}'")).ToArray();
    }

    public static string Show(double v) => Check.Show(v);

    /// <summary>The dtype a flag names ("float64" or "float32", case-insensitive), or a usage error naming the flag and the value.</summary>
    public static DType DType(string text, string flag) => Functional.Tensors.DTypes.Parse(text) switch
    {
        Functional.Tensors.DType.Float32 => RepLearn.DType.Float32,
        Functional.Tensors.DType.Float64 => RepLearn.DType.Float64,
        _ => throw new UsageException($"{flag} takes float64 or float32, got '{text}'"),
    };
}
