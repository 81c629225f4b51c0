namespace RepLearn.Functional.Checkpoints;

/// <summary>
/// Reads and writes the string-valued hyperparameters stored in a checkpoint's metadata. Reading is strict: a value
/// must be exactly as this library writes it, so a damaged or hand-edited value is refused rather than guessed at.
/// Integers: invariant culture, an optional '-', digits, no leading zeros, spaces or '+' ("12", "-3"); doubles:
/// invariant culture, sign, digits, a decimal point and an exponent only, finite ("0.001", "1E-05"); enums: the
/// member's name in lower case ("relu", not "Relu", "RELU", "1" or "relu "); booleans: "true" or "false". Every
/// failure is an <see cref="InvalidDataException"/> naming the file, the key and the value.
/// </summary>
/// <param name="values">The metadata as read from the header.</param>
/// <param name="source">The file, named in every error.</param>
public sealed class CheckpointMetadata(IReadOnlyDictionary<string, string> values, string source)
{
    private const NumberStyles StrictFloat = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>A double as stored: shortest round-trip, invariant culture.</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer as stored: invariant culture.</summary>
    public static string Format(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Widths as stored: "400,200".</summary>
    public static string Format(IEnumerable<int> v) => string.Join(",", v.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The enum value as stored: its name in lower case.</summary>
    public static string Format<TEnum>(TEnum v) where TEnum : struct, Enum => v.ToString().ToLowerInvariant();

    /// <summary>True when the metadata holds <paramref name="key"/>.</summary>
    public bool Has(string key) => values.ContainsKey(key);

    /// <summary>The raw value of <paramref name="key"/>; missing is an error.</summary>
    public string String(string key) =>
        values.TryGetValue(key, out var v) ? v : throw Keyed(new InvalidDataException($"{source}: metadata has no '{key}'"), key);

    /// <summary>A strict invariant integer.</summary>
    public int Int(string key) =>
        TryInt(String(key), out var v) ? v : throw Bad(key, "an integer");

    /// <summary>A strict invariant 64-bit integer.</summary>
    public long Long(string key)
    {
        var text = String(key);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            && v.ToString(CultureInfo.InvariantCulture) == text ? v : throw Bad(key, "an integer");
    }

    /// <summary>A strict invariant finite double.</summary>
    public double Double(string key) =>
        double.TryParse(String(key), StrictFloat, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw Bad(key, "a finite number");

    /// <summary>"true" or "false".</summary>
    public bool Bool(string key) => String(key) switch
    {
        "true" => true,
        "false" => false,
        _ => throw Bad(key, "'true' or 'false'"),
    };

    /// <summary>Comma-separated positive integers; empty text is an empty list.</summary>
    public ImmutableArray<int> Ints(string key)
    {
        var text = String(key);
        if (text.Length == 0) return [];
        var parts = text.Split(',');
        var result = ImmutableArray.CreateBuilder<int>(parts.Length);
        foreach (var p in parts)
            result.Add(TryInt(p, out var v) && v >= 1 ? v : throw Bad(key, "a comma-separated list of positive integers"));
        return result.MoveToImmutable();
    }

    /// <summary>An enum member by its lowercase name.</summary>
    public TEnum Enum<TEnum>(string key) where TEnum : struct, Enum
    {
        var text = String(key);
        foreach (var v in System.Enum.GetValues<TEnum>())
            if (Format(v) == text) return v;
        throw Bad(key, $"one of {string.Join(", ", System.Enum.GetValues<TEnum>().Select(Format))}");
    }

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value.ToString(CultureInfo.InvariantCulture) == text;

    private InvalidDataException Bad(string key, string expected) => Keyed(new($"{source}: metadata '{key}' = '{values[key]}' is not {expected}"), key);

    /// <summary>The key an error of this reader concerns, in <see cref="Exception.Data"/>, so a caller can name its own source of it (a CLI flag).</summary>
    public const string KeyData = "metadata_key";

    private static InvalidDataException Keyed(InvalidDataException e, string key)
    {
        e.Data[KeyData] = key;
        return e;
    }

    /// <summary>An <see cref="InvalidDataException"/> naming the file, the key, the value and the rule it breaks.</summary>
    public InvalidDataException Invalid(string key, string rule) => Keyed(new($"{source}: metadata '{key}' = '{values[key]}' {rule}"), key);
}
