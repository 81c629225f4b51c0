namespace RepLearn.Functional.Tensors;

public sealed partial class Tensor
{
    /// <summary>A rows x cols tensor of zeros.</summary>
    [Pure]
    public static Tensor Zeros(int rows, int cols) => Wrap(rows, cols, NewBuffer(rows, cols));

    /// <summary>A tensor of zeros with the shape of <paramref name="like"/>.</summary>
    [Pure]
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Rows, like.Cols);

    /// <summary>A rows x cols tensor filled with <paramref name="value"/>.</summary>
    [Pure]
    public static Tensor Filled(int rows, int cols, double value)
    {
        var buffer = NewUninitialized(rows, cols);
        Array.Fill(buffer, value);
        return Wrap(rows, cols, buffer);
    }

    /// <summary>A 1 x 1 tensor.</summary>
    [Pure]
    public static Tensor Scalar(double value) => Wrap(1, 1, [value]);

    /// <summary>A tensor whose element (r, c) is <c>f(r, c)</c>.</summary>
    [Pure]
    public static Tensor Create(int rows, int cols, Func<int, int, double> f)
    {
        var buffer = NewUninitialized(rows, cols);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                buffer[r * cols + c] = f(r, c);
        return Wrap(rows, cols, buffer);
    }

    /// <summary>A copy of a row-major buffer as a rows x cols tensor.</summary>
    [Pure]
    public static Tensor FromSpan(int rows, int cols, ReadOnlySpan<double> values)
    {
        if ((long)rows * cols != values.Length)
            throw new ArgumentException($"shape {rows}x{cols} needs {(long)rows * cols} values, got {values.Length}", nameof(values));
        return Wrap(rows, cols, values.ToArray());
    }

    /// <summary>A rows x cols tensor of a row-major float32 buffer, widened exactly (every float is a double) as it is copied.</summary>
    [Pure]
    public static Tensor FromSpan(int rows, int cols, ReadOnlySpan<float> values)
    {
        if ((long)rows * cols != values.Length)
            throw new ArgumentException($"shape {rows}x{cols} needs {(long)rows * cols} values, got {values.Length}", nameof(values));
        var buffer = NewUninitialized(rows, cols);
        for (var i = 0; i < buffer.Length; i++) buffer[i] = values[i];
        return Wrap(rows, cols, buffer);
    }

    /// <summary>A 1 x n row vector copied from <paramref name="values"/>.</summary>
    [Pure]
    public static Tensor RowVector(ReadOnlySpan<double> values) => FromSpan(1, values.Length, values);

    /// <summary>A copy of a rectangular jagged array (rows of equal length).</summary>
    [Pure]
    public static Tensor FromRows(IReadOnlyList<double[]> rows)
    {
        var cols = rows.Count == 0 ? 0 : rows[0].Length;
        var buffer = NewUninitialized(rows.Count, cols);
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != cols)
                throw new ArgumentException($"row {r} has {rows[r].Length} values, row 0 has {cols}", nameof(rows));
            rows[r].CopyTo(buffer, r * cols);
        }
        return Wrap(rows.Count, cols, buffer);
    }

    /// <summary>A copy of a two-dimensional array.</summary>
    [Pure]
    public static Tensor FromArray(double[,] values) =>
        Create(values.GetLength(0), values.GetLength(1), (r, c) => values[r, c]);

    /// <summary>A copy of the row-major buffer.</summary>
    [Pure]
    public double[] ToArray() => (double[])data.Clone();

    /// <summary>A copy as a jagged array, one array per row.</summary>
    [Pure]
    public double[][] ToRows()
    {
        var rows = new double[Rows][];
        for (var r = 0; r < Rows; r++) rows[r] = Row(r).ToArray();
        return rows;
    }

    /// <summary>The single value of a 1 x 1 tensor.</summary>
    [Pure]
    public double ToScalar() =>
        Length == 1 ? data[0] : throw new InvalidOperationException($"ToScalar needs a 1x1 tensor, this is {ShapeString}");

    /// <summary>True when every element is finite (no NaN, no infinity).</summary>
    [Pure]
    public bool AllFinite() => AllAbsAtMost(double.MaxValue);

    /// <summary>True when |x| &lt;= <paramref name="bound"/> for every element x (so false for any NaN), vectorised.</summary>
    [Pure]
    public bool AllAbsAtMost(double bound)
    {
        var span = data.AsSpan();
        var limit = new System.Numerics.Vector<double>(bound);
        var i = 0;
        for (; i + System.Numerics.Vector<double>.Count <= span.Length; i += System.Numerics.Vector<double>.Count)
            if (!System.Numerics.Vector.LessThanOrEqualAll(System.Numerics.Vector.Abs(new System.Numerics.Vector<double>(span[i..])), limit)) return false;
        for (; i < span.Length; i++)
            if (!(Math.Abs(span[i]) <= bound)) return false;
        return true;
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order (a constant: no gradient).</summary>
    [Pure]
    public Tensor GatherRows(ReadOnlySpan<int> indices)
    {
        var buffer = NewUninitialized(indices.Length, Cols);
        for (var i = 0; i < indices.Length; i++)
            Row(indices[i]).CopyTo(buffer.AsSpan(i * Cols, Cols));
        return Wrap(indices.Length, Cols, buffer);
    }

    /// <summary>Rows [start, start + count) as a new constant tensor.</summary>
    [Pure]
    public Tensor SliceRows(int start, int count) =>
        Wrap(count, Cols, data.AsSpan(start * Cols, count * Cols).ToArray());
}
