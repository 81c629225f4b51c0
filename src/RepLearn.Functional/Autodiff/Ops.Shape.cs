namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>The same row-major values viewed as rows x cols. Pullback: ct reshaped back.</summary>
    public static Tensor Reshape(Tensor x, int rows, int cols)
    {
        if ((long)rows * cols != x.Length)
            throw new ArgumentException($"cannot reshape {x.ShapeString} to {rows}x{cols}", nameof(rows));
        return Record(Tensor.Wrap(rows, cols, x.Buffer), [x], ct => [Reshape(ct, x.Rows, x.Cols)]);
    }

    /// <summary>[a; b]: b's rows below a's. Pullback: ct split by rows.</summary>
    public static Tensor ConcatRows(Tensor a, Tensor b)
    {
        if (a.Cols != b.Cols) throw new ArgumentException($"ConcatRows needs equal widths: {a.ShapeString} and {b.ShapeString}");
        var dst = Tensor.NewUninitialized(a.Rows + b.Rows, a.Cols);
        a.Span.CopyTo(dst);
        b.Span.CopyTo(dst.AsSpan(a.Length));
        return Record(Tensor.Wrap(a.Rows + b.Rows, a.Cols, dst), [a, b],
            ct => [SliceRows(ct, 0, a.Rows), SliceRows(ct, a.Rows, b.Rows)]);
    }

    /// <summary>[a, b]: b's columns right of a's. Pullback: ct split by columns.</summary>
    public static Tensor ConcatCols(Tensor a, Tensor b)
    {
        if (a.Rows != b.Rows) throw new ArgumentException($"ConcatCols needs equal heights: {a.ShapeString} and {b.ShapeString}");
        var cols = a.Cols + b.Cols;
        var dst = Tensor.NewUninitialized(a.Rows, cols);
        for (var r = 0; r < a.Rows; r++)
        {
            a.Row(r).CopyTo(dst.AsSpan(r * cols, a.Cols));
            b.Row(r).CopyTo(dst.AsSpan(r * cols + a.Cols, b.Cols));
        }
        return Record(Tensor.Wrap(a.Rows, cols, dst), [a, b],
            ct => [SliceCols(ct, 0, a.Cols), SliceCols(ct, a.Cols, b.Cols)]);
    }

    /// <summary>Rows [start, start + count). Pullback: ct placed back, zeros elsewhere.</summary>
    public static Tensor SliceRows(Tensor x, int start, int count)
    {
        var y = x.Detach().SliceRows(start, count);
        return Record(y, [x], ct =>
        {
            var dst = Tensor.NewBuffer(x.Rows, x.Cols);
            ct.Span.CopyTo(dst.AsSpan(start * x.Cols));
            return [Tensor.Wrap(x.Rows, x.Cols, dst)];
        });
    }

    /// <summary>Columns [start, start + count). Pullback: ct placed back, zeros elsewhere.</summary>
    public static Tensor SliceCols(Tensor x, int start, int count)
    {
        var dst = Tensor.NewUninitialized(x.Rows, count);
        for (var r = 0; r < x.Rows; r++) x.Row(r).Slice(start, count).CopyTo(dst.AsSpan(r * count, count));
        return Record(Tensor.Wrap(x.Rows, count, dst), [x], ct =>
        {
            var back = Tensor.NewBuffer(x.Rows, x.Cols);
            for (var r = 0; r < x.Rows; r++) ct.Row(r).CopyTo(back.AsSpan(r * x.Cols + start, count));
            return [Tensor.Wrap(x.Rows, x.Cols, back)];
        });
    }

    /// <summary>y_r = x[r, columns[r]], as Rows x 1 (picking each row's target logit). Pullback: ct scattered back.</summary>
    public static Tensor PickPerRow(Tensor x, int[] columns)
    {
        if (columns.Length != x.Rows) throw new ArgumentException($"need one column per row: {columns.Length} for {x.Rows} rows", nameof(columns));
        var dst = Tensor.NewUninitialized(x.Rows, 1);
        for (var r = 0; r < x.Rows; r++)
        {
            if ((uint)columns[r] >= (uint)x.Cols) throw new ArgumentOutOfRangeException(nameof(columns), columns[r], $"column index for row {r} outside [0, {x.Cols})");
            dst[r] = x[r, columns[r]];
        }
        return Record(Tensor.Wrap(x.Rows, 1, dst), [x], ct =>
        {
            var back = Tensor.NewBuffer(x.Rows, x.Cols);
            for (var r = 0; r < x.Rows; r++) back[r * x.Cols + columns[r]] = ct.Span[r];
            return [Tensor.Wrap(x.Rows, x.Cols, back)];
        });
    }

    /// <summary>Each row repeated <paramref name="times"/> times consecutively (r*times x c). Pullback: the repeats summed.</summary>
    public static Tensor RepeatRows(Tensor x, int times)
    {
        var dst = Tensor.NewUninitialized(x.Rows * times, x.Cols);
        for (var r = 0; r < x.Rows; r++)
            for (var t = 0; t < times; t++)
                x.Row(r).CopyTo(dst.AsSpan((r * times + t) * x.Cols, x.Cols));
        return Record(Tensor.Wrap(x.Rows * times, x.Cols, dst), [x], ct =>
        {
            var back = Tensor.NewBuffer(x.Rows, x.Cols);
            for (var r = 0; r < x.Rows; r++)
                for (var t = 0; t < times; t++)
                    Kernels.Add(back.AsSpan(r * x.Cols, x.Cols), ct.Row(r * times + t), back.AsSpan(r * x.Cols, x.Cols));
            return [Tensor.Wrap(x.Rows, x.Cols, back)];
        });
    }
}
