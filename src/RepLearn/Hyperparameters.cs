using System.Collections.Immutable;
using System.Globalization;

namespace RepLearn;

/// <summary>
/// Reads and writes the string-valued hyperparameters stored in a checkpoint's metadata. Reading is strict: a value
/// must be exactly as this library writes it, so a damaged or hand-edited value is refused rather than guessed at.
/// Integers: invariant culture, an optional '-', digits, no leading zeros, spaces or '+' ("12", "-3"); doubles:
/// invariant culture, sign, digits, a decimal point and an exponent only, finite ("0.001", "1E-05"); enums: the
/// member's name in lower case ("relu", not "Relu", "RELU", "1" or "relu "); booleans: "true" or "false". Every
/// failure is an <see cref="InvalidDataException"/> naming the file, the key and the value.
/// </summary>
internal sealed class Hyperparameters(IReadOnlyDictionary<string, string> values, string source)
{
    private const NumberStyles StrictFloat = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Format(IEnumerable<int> v) => string.Join(",", v.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The enum value as stored: its name in lower case.</summary>
    public static string Format<TEnum>(TEnum v) where TEnum : struct, Enum => v.ToString().ToLowerInvariant();

    /// <summary>True when the metadata holds <paramref name="key"/>.</summary>
    public bool Has(string key) => values.ContainsKey(key);

    public string String(string key) =>
        values.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"{source}: metadata has no '{key}'");

    public int Int(string key) =>
        TryInt(String(key), out var v) ? v : throw Bad(key, "an integer");

    public long Long(string key)
    {
        var text = String(key);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            && v.ToString(CultureInfo.InvariantCulture) == text ? v : throw Bad(key, "an integer");
    }

    public double Double(string key) =>
        double.TryParse(String(key), StrictFloat, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw Bad(key, "a finite number");

    public bool Bool(string key) => String(key) switch
    {
        "true" => true,
        "false" => false,
        _ => throw Bad(key, "'true' or 'false'"),
    };

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

    public TEnum Enum<TEnum>(string key) where TEnum : struct, Enum
    {
        var text = String(key);
        foreach (var v in System.Enum.GetValues<TEnum>())
            if (Format(v) == text) return v;
        throw Bad(key, $"one of {string.Join(", ", System.Enum.GetValues<TEnum>().Select(Format))}");
    }

    /// <summary>
    /// The training options a checkpoint recorded (batch_size, learning_rate, weight_decay, clip_norm), or null when
    /// it recorded none (saved before any Fit). A present value must be valid: batch_size an integer &gt;= 1,
    /// learning_rate finite and &gt; 0, weight_decay finite and &gt;= 0, clip_norm finite and &gt; 0; batch_size and
    /// learning_rate come together. <see cref="TrainOptions.Epochs"/> is left at its default.
    /// </summary>
    /// <exception cref="InvalidDataException">A value is not a valid number or is out of range; the message names the file, the key and the value.</exception>
    public TrainOptions? SavedTrainOptions()
    {
        if (!Has("batch_size") && !Has("learning_rate"))
        {
            foreach (var key in (string[])["weight_decay", "clip_norm"])
                if (Has(key)) throw Invalid(key, "is recorded without batch_size and learning_rate; a checkpoint records them together");
            return null;
        }
        var batch = Int("batch_size");
        if (batch < 1) throw Invalid("batch_size", "is not >= 1");
        var learningRate = Double("learning_rate");
        if (!(learningRate > 0)) throw Invalid("learning_rate", "is not > 0");
        var weightDecay = Has("weight_decay") ? Double("weight_decay") : 0;
        if (!(weightDecay >= 0)) throw Invalid("weight_decay", "is not >= 0");
        double? clip = Has("clip_norm") ? Double("clip_norm") : null;
        if (clip is <= 0) throw Invalid("clip_norm", "is not > 0");
        return new TrainOptions { BatchSize = batch, LearningRate = learningRate, WeightDecay = weightDecay, ClipNorm = clip };
    }

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value.ToString(CultureInfo.InvariantCulture) == text;

    private InvalidDataException Bad(string key, string expected) =>
        new($"{source}: metadata '{key}' = '{values[key]}' is not {expected}");

    /// <summary>An <see cref="InvalidDataException"/> naming the file, the key, the value and the rule it breaks.</summary>
    public InvalidDataException Invalid(string key, string rule) => new($"{source}: metadata '{key}' = '{values[key]}' {rule}");
}
