using System.Collections.Immutable;
using System.Globalization;

namespace RepLearn;

/// <summary>Reads and writes the string-valued hyperparameters stored in a checkpoint's metadata.</summary>
internal sealed class Hyperparameters(IReadOnlyDictionary<string, string> values, string source)
{
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Format(IEnumerable<int> v) => string.Join(",", v.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    public string String(string key) =>
        values.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"{source}: metadata has no '{key}'");

    public int Int(string key) =>
        int.TryParse(String(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(key);

    public long Long(string key) =>
        long.TryParse(String(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(key);

    public double Double(string key) =>
        double.TryParse(String(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw Bad(key);

    public ImmutableArray<int> Ints(string key)
    {
        var text = String(key);
        if (text.Length == 0) return [];
        var parts = text.Split(',');
        var result = ImmutableArray.CreateBuilder<int>(parts.Length);
        foreach (var p in parts)
            result.Add(int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : throw Bad(key));
        return result.MoveToImmutable();
    }

    public TEnum Enum<TEnum>(string key) where TEnum : struct, System.Enum =>
        System.Enum.TryParse<TEnum>(String(key), ignoreCase: true, out var v) && System.Enum.IsDefined(v) ? v : throw Bad(key);

    private InvalidDataException Bad(string key) => new($"{source}: metadata '{key}' = '{values[key]}' is not valid");
}
