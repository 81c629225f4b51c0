namespace RepLearn.Functional.Data;

/// <summary>
/// How <see cref="Csv"/> reads a file: the separator, whether the first row is a header, and which
/// column (if any) holds integer class labels.
/// </summary>
/// <example><code>
/// var options = new CsvOptions { LabelColumn = "label" };
/// </code></example>
public sealed record CsvOptions
{
    /// <summary>The field separator; ',' by default. Fields are not quoted (numeric data).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>
    /// True: the first non-blank line is a header. False: it is data. Null (default): it is a header
    /// exactly when none of its fields parses as a number.
    /// </summary>
    public bool? HasHeader { get; init; }

    /// <summary>The header name of the label column (needs a header). At most one of this and <see cref="LabelIndex"/>.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>The 0-based position of the label column. At most one of this and <see cref="LabelColumn"/>.</summary>
    public int? LabelIndex { get; init; }

    /// <summary>The memory the values may take while being read; null: <see cref="MemoryBudget.Default"/>.</summary>
    public MemoryBudget? Budget { get; init; }

    /// <summary>
    /// What one value costs while loading, checked against <see cref="Budget"/> as the rows are read: 24 by default
    /// (8 for the double, up to 8 more while the growing list doubles, 8 for the final array). A caller that copies
    /// the data adds its copy's cost (the facade's jagged rows: 8 more).
    /// </summary>
    public int LoadedBytesPerValue { get; init; } = 3 * MemoryFootprint.BytesPerDouble;
}
