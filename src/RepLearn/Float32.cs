namespace RepLearn;

/// <summary>
/// float32 input: each <c>float[][]</c> overload widens its rows to double once, exactly (every float is a double), then
/// runs the double path, which validates and copies into the model's tensor as for double input (rounded back to the
/// very same floats for a model of <see cref="DType.Float32"/>). So float input costs one extra copy of the data, made at
/// the call; training runs in the model's dtype and the outputs are double arrays.
/// </summary>
internal static class Float32
{
    /// <summary>The rows widened to double; null stays null (the double path then names the parameter), ragged rows stay ragged.</summary>
    public static double[][] Widen(float[][]? rows)
    {
        if (rows is null) return null!;
        var wide = new double[rows.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is not { } row) { wide[i] = null!; continue; }
            var w = new double[row.Length];
            for (var j = 0; j < row.Length; j++) w[j] = row[j];
            wide[i] = w;
        }
        return wide;
    }

    /// <summary>Widened rows, or null.</summary>
    public static double[][]? WidenOptional(float[][]? rows) => rows is null ? null : Widen(rows);
}
