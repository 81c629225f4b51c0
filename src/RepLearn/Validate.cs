using System.Globalization;

namespace RepLearn;

/// <summary>Input checks for the facade: each failure is an <see cref="ArgumentException"/> naming the parameter and the value.</summary>
internal static class Validate
{
    public static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static void NotNull(object? value, string name)
    {
        if (value is null) throw new ArgumentNullException(name);
    }

    public static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] is {Show(values[i])}; every value must be finite", name);
    }

    public static void Vector(double[]? values, string name)
    {
        NotNull(values, name);
        if (values!.Length == 0) throw new ArgumentException($"{name} is empty", name);
        Finite(values, name);
    }

    public static void SameLength(double[] a, string aName, double[] b, string bName)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"{bName} has length {b.Length} but {aName} has length {a.Length}; they must match", bName);
    }

    /// <summary>A non-empty rectangular, finite jagged array; returns its width.</summary>
    public static int Matrix(double[][]? rows, string name, int? expectedWidth = null, string? paramName = null)
    {
        var param = paramName ?? name;
        NotNull(rows, param);
        if (rows!.Length == 0) throw new ArgumentException($"{name} has no rows", param);
        var width = expectedWidth ?? rows[0]?.Length ?? 0;
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r] is null) throw new ArgumentException($"{name}[{r}] is null", param);
            if (rows[r].Length != width)
                throw new ArgumentException($"{name}[{r}] has {rows[r].Length} values but {(expectedWidth is null ? $"{name}[0] has" : "the expected width is")} {width}; rows must all have the same width", param);
            for (var c = 0; c < width; c++)
                if (!double.IsFinite(rows[r][c]))
                    throw new ArgumentException($"{name}[{r}][{c}] is {Show(rows[r][c])}; every value must be finite", param);
        }
        if (width == 0) throw new ArgumentException($"{name} has rows of width 0", param);
        return width;
    }

    /// <summary>A value of a facade enum that is one of its named members (a cast such as (Likelihood)42 is not).</summary>
    public static void Defined<TEnum>(TEnum value, string name) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not a {typeof(TEnum).Name}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}");
    }

    /// <summary><see cref="Defined{TEnum}"/>, returning the value.</summary>
    public static TEnum DefinedThen<TEnum>(TEnum value, string name) where TEnum : struct, Enum
    {
        Defined(value, name);
        return value;
    }

    public static void Temperature(double temperature)
    {
        if (!(temperature > 0) || !double.IsFinite(temperature) || !double.IsFinite(1 / temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, $"temperature must be finite and > 0 (and 1 / temperature finite), got {Show(temperature)}");
    }

    public static void Probabilities(double[] targets, string name)
    {
        for (var i = 0; i < targets.Length; i++)
            if (!(targets[i] >= 0 && targets[i] <= 1))
                throw new ArgumentOutOfRangeException(name, targets[i], $"{name}[{i}] is {Show(targets[i])}; targets must lie in [0, 1]");
    }
}
