using System.Numerics;
namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>The same row-major values viewed as rows x cols. Pullback: ct reshaped back.</summary>
    public static Tensor Reshape(Tensor x, int rows, int cols)
    {
        if ((long)rows * cols != x.Length)
            throw new ArgumentException($"cannot reshape {x.ShapeString} to {rows}x{cols}", nameof(rows));
        var y = x.DType == DType.Float32 ? Tensor.Wrap(rows, cols, x.BufferOf<float>()) : Tensor.Wrap(rows, cols, x.Buffer);
        return Record(y, [x], ct => [Reshape(ct, x.Rows, x.Cols)]);
    }

    /// <summary>[a; b]: b's rows below a's. Pullback: ct split by rows.</summary>
    public static Tensor ConcatRows(Tensor a, Tensor b)
    {
        if (a.Cols != b.Cols) throw new ArgumentException($"ConcatRows needs equal widths: {a.ShapeString} and {b.ShapeString}");
        DTypes.RequireSame(a, b, nameof(ConcatRows));
        // Row-major: [a; b] is a's buffer followed by b's, the column concatenation of the two flattened rows.
        var y = Reshape(ConcatCols(Reshape(a.Detach(), 1, a.Length), Reshape(b.Detach(), 1, b.Length)), a.Rows + b.Rows, a.Cols).Detach();
        return Record(y, [a, b], ct => [SliceRows(ct, 0, a.Rows), SliceRows(ct, a.Rows, b.Rows)]);
    }

    /// <summary>[a, b]: b's columns right of a's. Pullback: ct split by columns.</summary>
    public static Tensor ConcatCols(Tensor a, Tensor b)
    {
        if (a.Rows != b.Rows) throw new ArgumentException($"ConcatCols needs equal heights: {a.ShapeString} and {b.ShapeString}");
        DTypes.RequireSame(a, b, nameof(ConcatCols));
        var y = a.DType == DType.Float32 ? Concatenated<float>(a, b) : Concatenated<double>(a, b);
        return Record(y, [a, b], ct => [SliceCols(ct, 0, a.Cols), SliceCols(ct, a.Cols, b.Cols)]);
    }

    private static Tensor Concatenated<T>(Tensor a, Tensor b) where T : unmanaged
    {
        var cols = a.Cols + b.Cols;
        var sa = a.SpanOf<T>();
        var sb = b.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(a.Rows, cols);
        for (var r = 0; r < a.Rows; r++)
        {
            sa.Slice(r * a.Cols, a.Cols).CopyTo(dst.AsSpan(r * cols, a.Cols));
            sb.Slice(r * b.Cols, b.Cols).CopyTo(dst.AsSpan(r * cols + a.Cols, b.Cols));
        }
        return Tensor.Wrap(a.Rows, cols, dst);
    }

    /// <summary>Rows [start, start + count). Pullback: ct placed back, zeros elsewhere.</summary>
    public static Tensor SliceRows(Tensor x, int start, int count) =>
        Record(x.Detach().SliceRows(start, count), [x], ct => [Placed(ct, x, start * x.Cols, 0)]);

    /// <summary>Columns [start, start + count). Pullback: ct placed back, zeros elsewhere.</summary>
    public static Tensor SliceCols(Tensor x, int start, int count)
    {
        var y = x.DType == DType.Float32 ? ColumnsOf<float>(x, start, count) : ColumnsOf<double>(x, start, count);
        return Record(y, [x], ct => [Placed(ct, x, start, x.Cols)]);
    }

    private static Tensor ColumnsOf<T>(Tensor x, int start, int count) where T : unmanaged
    {
        var src = x.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(x.Rows, count);
        for (var r = 0; r < x.Rows; r++) src.Slice(r * x.Cols + start, count).CopyTo(dst.AsSpan(r * count, count));
        return Tensor.Wrap(x.Rows, count, dst);
    }

    /// <summary>
    /// Zeros shaped like <paramref name="like"/> with ct's rows written from <paramref name="offset"/>, each row
    /// <paramref name="stride"/> further on (stride 0: ct's buffer written in one piece).
    /// </summary>
    private static Tensor Placed(Tensor ct, Tensor like, int offset, int stride) =>
        ct.DType == DType.Float32 ? Placed<float>(ct, like, offset, stride) : Placed<double>(ct, like, offset, stride);

    private static Tensor Placed<T>(Tensor ct, Tensor like, int offset, int stride) where T : unmanaged
    {
        var back = Tensor.NewBuffer<T>(like.Rows, like.Cols);
        var src = ct.SpanOf<T>();
        if (stride == 0) src.CopyTo(back.AsSpan(offset));
        else
            for (var r = 0; r < ct.Rows; r++) src.Slice(r * ct.Cols, ct.Cols).CopyTo(back.AsSpan(r * stride + offset, ct.Cols));
        return Tensor.Wrap(like.Rows, like.Cols, back);
    }

    /// <summary>y_r = x[r, columns[r]], as Rows x 1 (picking each row's target logit). Pullback: ct scattered back.</summary>
    public static Tensor PickPerRow(Tensor x, int[] columns)
    {
        if (columns.Length != x.Rows) throw new ArgumentException($"need one column per row: {columns.Length} for {x.Rows} rows", nameof(columns));
        for (var r = 0; r < x.Rows; r++)
            if ((uint)columns[r] >= (uint)x.Cols) throw new ArgumentOutOfRangeException(nameof(columns), columns[r], $"column index for row {r} outside [0, {x.Cols})");
        var y = x.DType == DType.Float32 ? Picked<float>(x, columns) : Picked<double>(x, columns);
        return Record(y, [x], ct => [x.DType == DType.Float32 ? Scattered<float>(ct, x, columns) : Scattered<double>(ct, x, columns)]);
    }

    private static Tensor Picked<T>(Tensor x, int[] columns) where T : unmanaged
    {
        var src = x.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(x.Rows, 1);
        for (var r = 0; r < x.Rows; r++) dst[r] = src[r * x.Cols + columns[r]];
        return Tensor.Wrap(x.Rows, 1, dst);
    }

    private static Tensor Scattered<T>(Tensor ct, Tensor x, int[] columns) where T : unmanaged
    {
        var back = Tensor.NewBuffer<T>(x.Rows, x.Cols);
        var src = ct.SpanOf<T>();
        for (var r = 0; r < x.Rows; r++) back[r * x.Cols + columns[r]] = src[r];
        return Tensor.Wrap(x.Rows, x.Cols, back);
    }

    /// <summary>Each row repeated <paramref name="times"/> times consecutively (r*times x c). Pullback: the repeats summed.</summary>
    public static Tensor RepeatRows(Tensor x, int times) => x.DType == DType.Float32 ? RepeatRows<float>(x, times) : RepeatRows<double>(x, times);

    private static Tensor RepeatRows<T>(Tensor x, int times) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = x.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(x.Rows * times, x.Cols);
        for (var r = 0; r < x.Rows; r++)
            for (var t = 0; t < times; t++)
                src.Slice(r * x.Cols, x.Cols).CopyTo(dst.AsSpan((r * times + t) * x.Cols, x.Cols));
        return Record(Tensor.Wrap(x.Rows * times, x.Cols, dst), [x], ct =>
        {
            var g = ct.SpanOf<T>();
            var back = Tensor.NewBuffer<T>(x.Rows, x.Cols);
            for (var r = 0; r < x.Rows; r++)
                for (var t = 0; t < times; t++)
                    Kernels.Add<T>(back.AsSpan(r * x.Cols, x.Cols), g.Slice((r * times + t) * x.Cols, x.Cols), back.AsSpan(r * x.Cols, x.Cols));
            return [Tensor.Wrap(x.Rows, x.Cols, back)];
        });
    }
}
