using System.Numerics;
namespace RepLearn.Functional.Tensors;

// Creation takes an optional dtype (float64 by default); values given as doubles are rounded to nearest for float32.
public sealed partial class Tensor
{
    /// <summary>A rows x cols tensor of zeros.</summary>
    [Pure]
    public static Tensor Zeros(int rows, int cols, DType dtype = DType.Float64) =>
        dtype == DType.Float32 ? Wrap(rows, cols, NewBuffer<float>(rows, cols)) : Wrap(rows, cols, NewBuffer(rows, cols));

    /// <summary>A tensor of zeros with the shape and dtype of <paramref name="like"/>.</summary>
    [Pure]
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Rows, like.Cols, like.DType);

    /// <summary>A rows x cols tensor filled with <paramref name="value"/> (rounded for float32).</summary>
    [Pure]
    public static Tensor Filled(int rows, int cols, double value, DType dtype = DType.Float64) =>
        dtype == DType.Float32 ? Filled<float>(rows, cols, value) : Filled<double>(rows, cols, value);

    private static Tensor Filled<T>(int rows, int cols, double value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var buffer = NewUninitialized<T>(rows, cols);
        Array.Fill(buffer, T.CreateTruncating(value));
        return Wrap(rows, cols, buffer);
    }

    /// <summary>A 1 x 1 tensor.</summary>
    [Pure]
    public static Tensor Scalar(double value, DType dtype = DType.Float64) => Filled(1, 1, value, dtype);

    /// <summary>A tensor whose element (r, c) is <c>f(r, c)</c> (rounded for float32).</summary>
    [Pure]
    public static Tensor Create(int rows, int cols, Func<int, int, double> f, DType dtype = DType.Float64)
    {
        var buffer = NewUninitialized(rows, cols);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                buffer[r * cols + c] = f(r, c);
        return Wrap(rows, cols, buffer).AsConstant(dtype);
    }

    /// <summary>A copy of a row-major buffer as a rows x cols tensor (rounded for float32).</summary>
    [Pure]
    public static Tensor FromSpan(int rows, int cols, ReadOnlySpan<double> values, DType dtype = DType.Float64)
    {
        CheckCount(rows, cols, values.Length);
        return dtype == DType.Float32 ? Wrap(rows, cols, Narrow(values)) : Wrap(rows, cols, values.ToArray());
    }

    /// <summary>
    /// A rows x cols tensor of a row-major float32 buffer: copied as float32 when <paramref name="dtype"/> is
    /// float32, else widened exactly (every float is a double) as it is copied, the float64 default.
    /// </summary>
    [Pure]
    public static Tensor FromSpan(int rows, int cols, ReadOnlySpan<float> values, DType dtype = DType.Float64)
    {
        CheckCount(rows, cols, values.Length);
        return dtype == DType.Float32 ? Wrap(rows, cols, values.ToArray()) : Wrap(rows, cols, Widen(values));
    }

    private static void CheckCount(int rows, int cols, int count)
    {
        if ((long)rows * cols != count)
            throw new ArgumentException($"shape {rows}x{cols} needs {(long)rows * cols} values, got {count}", "values");
    }

    /// <summary>A 1 x n row vector copied from <paramref name="values"/>.</summary>
    [Pure]
    public static Tensor RowVector(ReadOnlySpan<double> values, DType dtype = DType.Float64) => FromSpan(1, values.Length, values, dtype);

    /// <summary>A copy of a rectangular jagged array (rows of equal length).</summary>
    [Pure]
    public static Tensor FromRows(IReadOnlyList<double[]> rows, DType dtype = DType.Float64)
    {
        var cols = rows.Count == 0 ? 0 : rows[0].Length;
        var buffer = NewUninitialized(rows.Count, cols);
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != cols)
                throw new ArgumentException($"row {r} has {rows[r].Length} values, row 0 has {cols}", nameof(rows));
            rows[r].CopyTo(buffer, r * cols);
        }
        return Wrap(rows.Count, cols, buffer).AsConstant(dtype);
    }

    /// <summary>A copy of a two-dimensional array.</summary>
    [Pure]
    public static Tensor FromArray(double[,] values, DType dtype = DType.Float64) =>
        Create(values.GetLength(0), values.GetLength(1), (r, c) => values[r, c], dtype);

    /// <summary>A copy of the row-major buffer as doubles (widened exactly from float32).</summary>
    [Pure]
    public double[] ToArray() => Live is float[] f ? Widen(f) : (double[])Live.Clone();

    /// <summary>A copy as a jagged array of doubles, one array per row.</summary>
    [Pure]
    public double[][] ToRows()
    {
        var all = Live as double[] ?? Widen((float[])Live);
        var rows = new double[Rows][];
        for (var r = 0; r < Rows; r++) rows[r] = all.AsSpan(r * Cols, Cols).ToArray();
        return rows;
    }

    /// <summary>The single value of a 1 x 1 tensor, as a double.</summary>
    [Pure]
    public double ToScalar() =>
        Length == 1 ? this[0, 0] : throw new InvalidOperationException($"ToScalar needs a 1x1 tensor, this is {ShapeString}");

    /// <summary>The rows at <paramref name="indices"/>, in that order (a constant: no gradient).</summary>
    [Pure]
    public Tensor GatherRows(ReadOnlySpan<int> indices) =>
        DType == DType.Float32 ? GatherRows<float>(indices) : GatherRows<double>(indices);

    private Tensor GatherRows<T>(ReadOnlySpan<int> indices) where T : unmanaged
    {
        var src = BufferOf<T>();
        var buffer = NewUninitialized<T>(indices.Length, Cols);
        for (var i = 0; i < indices.Length; i++)
            src.AsSpan(indices[i] * Cols, Cols).CopyTo(buffer.AsSpan(i * Cols, Cols));
        return Wrap(indices.Length, Cols, buffer);
    }

    /// <summary>Rows [start, start + count) as a new constant tensor.</summary>
    [Pure]
    public Tensor SliceRows(int start, int count) => DType == DType.Float32
        ? Wrap(count, Cols, BufferOf<float>().AsSpan(start * Cols, count * Cols).ToArray())
        : Wrap(count, Cols, Buffer.AsSpan(start * Cols, count * Cols).ToArray());
}
