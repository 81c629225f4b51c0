using System.Text;

namespace RepLearn.Functional.Data;

/// <summary>
/// Reads numeric CSV: one example per line, fields separated by <see cref="CsvOptions.Separator"/>,
/// each a number in the invariant culture ("1.5", "-2e-3"; no thousands separators, no quoting),
/// an optional header row and an optional integer label column. Blank lines are skipped.
/// Ragged rows, empty files (no data rows), non-numeric fields, NaN and infinities (including
/// overflow such as "1e400") are <see cref="InvalidDataException"/>s naming the file, the 1-based
/// line and the 1-based column. So is a table that outgrows the memory budget
/// (<see cref="CsvOptions.Budget"/>), checked as the rows are read.
/// </summary>
/// <example><code>
/// CsvData data = Csv.Load("digits.csv", new CsvOptions { LabelColumn = "label" });
/// </code></example>
public static class Csv
{
    /// <summary>Parses CSV text; <paramref name="source"/> names it in messages.</summary>
    public static CsvData ParseText(string text, string source, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text.StartsWith('\uFEFF') ? text[1..] : text);
        return Parse(reader, source, options);
    }

    /// <summary>Reads a CSV file (UTF-8, a byte-order mark is allowed).</summary>
    public static CsvData Load(string path, CsvOptions? options = null)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path, options);
    }

    /// <summary>
    /// Reads CSV lines from <paramref name="reader"/> to the end. The first non-blank line fixes the
    /// number of fields; with <see cref="CsvOptions.HasHeader"/> null it is a header when none of its
    /// fields is a number.
    /// </summary>
    /// <exception cref="ArgumentException">Both a label name and a label index were given, or the index is negative.</exception>
    /// <exception cref="InvalidDataException">The text breaks one of the checks above.</exception>
    public static CsvData Parse(TextReader reader, string source, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new CsvOptions();
        if (options.LabelColumn is not null && options.LabelIndex is not null)
            throw new ArgumentException("give the label column by name or by index, not both", nameof(options));
        if (options.LabelIndex is < 0)
            throw new ArgumentException($"LabelIndex must be >= 0, got {options.LabelIndex}", nameof(options));
        if (options.LoadedBytesPerValue < 1)
            throw new ArgumentException($"LoadedBytesPerValue must be >= 1, got {options.LoadedBytesPerValue}", nameof(options));
        var budget = options.Budget ?? MemoryBudget.Default;

        var values = new List<double>();
        var labels = new List<int>();
        string[]? header = null;
        int width = -1, widthLine = 0, labelAt = -1, lineNumber = 0, rows = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(options.Separator);
            if (width < 0)
            {
                width = fields.Length;
                widthLine = lineNumber;
                var isHeader = options.HasHeader ?? fields.All(f => !TryNumber(f, out _));
                if (isHeader) header = fields.Select(Unquote).ToArray();
                labelAt = ResolveLabel(options, header, width, source);
                if (isHeader) continue;
            }
            if (fields.Length != width)
                throw Fail(source, lineNumber, Math.Min(fields.Length, width) + 1,
                    $"ragged row: {fields.Length} fields, expected {width} (as on line {widthLine})");
            for (var j = 0; j < fields.Length; j++)
            {
                var value = ParseField(fields[j], source, lineNumber, j + 1, firstLine: lineNumber == widthLine);
                if (j == labelAt) labels.Add(ToLabel(value, fields[j], source, lineNumber, j + 1));
                else values.Add(value);
            }
            rows++;
            var bytes = MemoryFootprint.Product(values.Count + labels.Count, options.LoadedBytesPerValue);
            if (budget.Refusal(bytes, $"{MemoryBudget.ShowCount(rows)} rows of {width} values", "to load") is { } refusal)
                throw new InvalidDataException($"{source}: line {lineNumber}: {refusal}");
        }

        if (rows == 0)
            throw new InvalidDataException(header is null
                ? $"{source}: empty file: no data rows"
                : $"{source}: empty file: no data rows after the header on line {widthLine}");
        var cols = width - (labelAt >= 0 ? 1 : 0);
        IReadOnlyList<string>? names = header?.Where((_, j) => j != labelAt).ToImmutableArray();
        return new CsvData(Tensor.Wrap(rows, cols, values.ToArray()), labelAt >= 0 ? labels.ToImmutableArray() : null, names);
    }

    private static int ResolveLabel(CsvOptions options, string[]? header, int width, string source)
    {
        if (options.LabelColumn is { } name)
        {
            if (header is null)
                throw new InvalidDataException($"{source}: label column '{name}' is given by name but the file has no header row");
            var matches = header.Select((h, j) => (h, j)).Where(p => p.h == name).ToArray();
            return matches.Length switch
            {
                1 => matches[0].j,
                0 => throw new InvalidDataException($"{source}: label column '{name}' not found in the header ({string.Join(", ", header)})"),
                _ => throw new InvalidDataException($"{source}: label column '{name}' appears {matches.Length} times in the header"),
            };
        }
        if (options.LabelIndex is { } index)
        {
            if (index >= width)
                throw new InvalidDataException($"{source}: label column index {index} is out of range: rows have {width} fields");
            return index;
        }
        return -1;
    }

    private static double ParseField(string field, string source, int line, int column, bool firstLine)
    {
        if (!TryNumber(field, out var value))
            throw Fail(source, line, column, $"non-numeric field '{field.Trim()}'"
                + (firstLine ? " (if this line is a header, set CsvOptions.HasHeader = true)" : ""));
        if (!double.IsFinite(value))
            throw Fail(source, line, column, $"non-finite value '{field.Trim()}' (NaN, infinity or out of double range)");
        return value;
    }

    private static int ToLabel(double value, string field, string source, int line, int column) =>
        value >= 0 && value <= int.MaxValue && Math.Floor(value) == value
            ? (int)value
            : throw Fail(source, line, column, $"invalid label '{field.Trim()}': labels must be non-negative integers");

    private static bool TryNumber(string field, out double value) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Unquote(string field)
    {
        var t = field.Trim();
        return t.Length >= 2 && t[0] == '"' && t[^1] == '"' ? t[1..^1] : t;
    }

    private static InvalidDataException Fail(string source, int line, int column, string message) =>
        new($"{source}: line {line}, column {column}: {message}");
}
