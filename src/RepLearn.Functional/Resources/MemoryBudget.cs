namespace RepLearn.Functional.Resources;

/// <summary>
/// How many bytes a model, a batch or a data set may take before the library refuses to start: work whose
/// <see cref="MemoryFootprint"/> estimate exceeds <see cref="Bytes"/> is refused with one clear error instead
/// of an <see cref="OutOfMemoryException"/> (or a machine swapping) halfway through. The default is half of
/// <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/> (physical memory, or the container's limit),
/// overridden by the environment variable <c>REPLEARN_MEMORY_BUDGET</c> (see <see cref="ParseSize"/>), and
/// an explicit budget (<see cref="Of"/>) overrides both. Sizes print in decimal units (1 GB = 10^9 bytes).
/// </summary>
/// <example><code>
/// var budget = MemoryBudget.Default;                     // e.g. 12.6 GB on a 25 GB machine
/// budget.Require(MemoryFootprint.TrainingBytes(count), $"hiddenDims [1000000] make a model of {count:N0} parameters",
///     "hiddenDims", "to train");
/// // ArgumentException: hiddenDims [1000000] make a model of 1,602,000,800 parameters needing 64.1 GB to train,
/// //   more than the memory budget of 12.6 GB (half of the 25.3 GB available; set REPLEARN_MEMORY_BUDGET to change it)
/// </code></example>
public sealed record MemoryBudget
{
    /// <summary>The environment variable that overrides the default budget: bytes, or a number with a unit (<see cref="ParseSize"/>).</summary>
    public const string EnvironmentVariable = "REPLEARN_MEMORY_BUDGET";

    private MemoryBudget(long bytes, string origin)
    {
        Bytes = bytes;
        Origin = origin;
    }

    /// <summary>The budget in bytes, &gt;= 1.</summary>
    public long Bytes { get; }

    /// <summary>Where the budget came from, as messages show it (e.g. "from REPLEARN_MEMORY_BUDGET=8G").</summary>
    public string Origin { get; }

    /// <summary>
    /// The budget for this process: <c>REPLEARN_MEMORY_BUDGET</c> when set, else half of the memory the GC
    /// reports as available. Read afresh on each call (it reads the environment, so it lives at the edge).
    /// </summary>
    /// <exception cref="ArgumentException">The variable is set but is not a size; <see cref="ArgumentException.ParamName"/> is the variable's name.</exception>
    public static MemoryBudget Default =>
        FromEnvironment(Environment.GetEnvironmentVariable(EnvironmentVariable), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>
    /// The budget a process with <paramref name="availableBytes"/> of memory and the given value of
    /// <c>REPLEARN_MEMORY_BUDGET</c> (null or blank when unset) gets: the variable's size, or half the available memory.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not a size (ParamName is the variable's name).</exception>
    public static MemoryBudget FromEnvironment(string? value, long availableBytes)
    {
        if (!string.IsNullOrWhiteSpace(value))
            return new MemoryBudget(ParseSize(value, EnvironmentVariable), $"from {EnvironmentVariable}={value.Trim()}");
        var available = Math.Max(2, availableBytes);
        return new MemoryBudget(available / 2, $"half of the {Show(available)} available; set {EnvironmentVariable} to change it");
    }

    /// <summary>An explicit budget of <paramref name="bytes"/>; <paramref name="origin"/> says where it came from in messages.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> &lt; 1.</exception>
    public static MemoryBudget Of(long bytes, string origin = "given explicitly")
    {
        if (bytes < 1) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"a memory budget must be at least 1 byte, got {bytes}");
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        return new MemoryBudget(bytes, origin);
    }

    /// <summary>
    /// Parses a size: a whole or decimal number of bytes (invariant culture), optionally followed by a unit,
    /// case-insensitive, with an optional trailing "B": K, M, G, T are powers of 1000 (8G = 8,000,000,000);
    /// Ki, Mi, Gi, Ti powers of 1024 (8Gi = 8,589,934,592). The result is rounded down and must be at least 1
    /// byte and at most <see cref="long.MaxValue"/>.
    /// </summary>
    /// <param name="text">The size, e.g. "8G", "512MiB", "1.5g", "1000000".</param>
    /// <param name="name">What the text is (a variable, a flag, a parameter): the exception's ParamName and the start of its message.</param>
    /// <exception cref="ArgumentException">Not a size; the message names <paramref name="name"/> and the text.</exception>
    public static long ParseSize(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var t = text.Trim();
        var unitStart = t.Length;
        while (unitStart > 0 && char.IsAsciiLetter(t[unitStart - 1])) unitStart--;
        var (number, unit) = (t[..unitStart], t[unitStart..].ToUpperInvariant());
        if (unit.EndsWith('B')) unit = unit[..^1];
        double? multiplier = unit switch
        {
            "" => 1,
            "K" => 1e3, "M" => 1e6, "G" => 1e9, "T" => 1e12,
            "KI" => 1L << 10, "MI" => 1L << 20, "GI" => 1L << 30, "TI" => 1L << 40,
            _ => null,
        };
        if (multiplier is not { } m
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
            throw new ArgumentException(
                $"{name} = '{text}' is not a size: give a number of bytes, optionally with a unit K, M, G, T (powers of 1000) "
                + "or Ki, Mi, Gi, Ti (powers of 1024), e.g. 8G or 512Mi", name);
        var bytes = Math.Floor(value * m);
        if (bytes < 1 || bytes >= 9.2233720368547758E18)
            throw new ArgumentException($"{name} = '{text}' is {(bytes < 1 ? "less than 1 byte" : "too large")}; a memory budget must be between 1 byte and 9.2 EB", name);
        return (long)bytes;
    }

    /// <summary>True when <paramref name="bytes"/> fits the budget.</summary>
    public bool Allows(long bytes) => bytes <= Bytes;

    /// <summary>
    /// The refusal message for <paramref name="bytes"/>, or null when they fit: "{what} needing {bytes}[ {purpose}],
    /// more than the memory budget of {budget} ({origin})". For callers that throw their own exception type
    /// (loaders throw <see cref="InvalidDataException"/> naming the file).
    /// </summary>
    public string? Refusal(long bytes, string what, string purpose = "") =>
        Allows(bytes) ? null
            : $"{what} needing {Show(bytes)}{(purpose.Length > 0 ? " " + purpose : "")}, more than the memory budget of {Show(Bytes)} ({Origin})";

    /// <summary>
    /// Throws unless <paramref name="bytes"/> fit the budget. <paramref name="what"/> says what needs them and
    /// why (e.g. "hiddenDims [1000000] make a model of 1,602,000,800 parameters"), <paramref name="purpose"/>
    /// what for (e.g. "to train").
    /// </summary>
    /// <exception cref="ArgumentException">Over budget; ParamName is <paramref name="paramName"/>, the message as <see cref="Refusal"/>.</exception>
    public void Require(long bytes, string what, string paramName, string purpose = "")
    {
        if (Refusal(bytes, what, purpose) is { } message) throw new ArgumentException(message, paramName);
    }

    /// <summary>Bytes in decimal units for messages: "512 bytes", "97.3 KB", "31.4 GB"; long.MaxValue (a saturated estimate) prints as "more than 9.2 EB".</summary>
    public static string Show(long bytes)
    {
        if (bytes == long.MaxValue) return "more than 9.2 EB";
        if (bytes < 1000) return $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";
        string[] units = ["KB", "MB", "GB", "TB", "PB", "EB"];
        var value = (double)bytes;
        var unit = -1;
        while (value >= 999.95 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return $"{value.ToString("0.0", CultureInfo.InvariantCulture)} {units[unit]}";
    }

    /// <summary>A count with thousands separators for messages ("1,602,000,800"); long.MaxValue (saturated) prints as "more than 9.2 x 10^18".</summary>
    public static string ShowCount(long count) =>
        count == long.MaxValue ? "more than 9.2 x 10^18" : count.ToString("N0", CultureInfo.InvariantCulture);
}
