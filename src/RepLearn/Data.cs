namespace RepLearn;

/// <summary>Checks data given to a model and converts it to a tensor.</summary>
internal static class Data
{
    /// <summary>A non-empty, rectangular, finite batch of the model's width; in [0, 1] when <paramref name="unitInterval"/>.</summary>
    public static Tensor Rows(double[][]? rows, string name, int width, bool unitInterval)
    {
        Check.Matrix(rows, name, width);
        if (unitInterval)
            for (var r = 0; r < rows!.Length; r++)
                for (var c = 0; c < width; c++)
                    if (rows[r][c] is < 0 or > 1)
                        throw new ArgumentException($"{name}[{r}][{c}] is {Check.Show(rows[r][c])}; a Bernoulli decoder needs data in [0, 1]", name);
        return Tensor.FromRows(rows!);
    }
}
