namespace RepLearn.Functional.Validation;

public static partial class Check
{
    /// <summary>Every value finite: "x[3] is NaN; every value must be finite".</summary>
    public static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] is {Show(values[i])}; every value must be finite", name);
    }

    /// <summary>A non-null, non-empty, finite vector.</summary>
    public static double[] Vector(double[]? values, string name)
    {
        NotNull(values, name);
        if (values!.Length == 0) throw new ArgumentException($"{name} is empty", name);
        Finite(values, name);
        return values;
    }

    /// <summary>Two arrays of one length (ParamName the second).</summary>
    public static void SameLength(double[] a, string aName, double[] b, string bName)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"{bName} has length {b.Length} but {aName} has length {a.Length}; they must match", bName);
    }

    /// <summary>
    /// A non-empty rectangular finite jagged array, of <paramref name="expectedWidth"/> columns when given; returns its
    /// width. <paramref name="paramName"/> (default <paramref name="name"/>) is the ParamName, for rows of a larger argument.
    /// </summary>
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

    /// <summary>Every value a probability in [0, 1]: "targets[2] is 1.5; targets must lie in [0, 1]".</summary>
    public static void Probabilities(double[] values, string name)
    {
        for (var i = 0; i < values.Length; i++)
            if (!(values[i] >= 0 && values[i] <= 1))
                throw new ArgumentOutOfRangeException(name, values[i], $"{name}[{i}] is {Show(values[i])}; targets must lie in [0, 1]");
    }
}
