namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>Sum of all elements, as 1 x 1. Pullback: ct broadcast to x's shape.</summary>
    public static Tensor Sum(Tensor x) =>
        Record(Tensor.Scalar(Kernels.Sum(x.Span)), [x], ct => [Tensor.Filled(x.Rows, x.Cols, ct.Span[0])]);

    /// <summary>Mean of all elements, as 1 x 1.</summary>
    public static Tensor Mean(Tensor x) => Scale(Sum(x), 1.0 / x.Length);

    /// <summary>
    /// Sum along an axis, numpy-style: axis 0 collapses the rows (result 1 x Cols),
    /// axis 1 collapses the columns (result Rows x 1). Pullback: ct broadcast back.
    /// </summary>
    public static Tensor Sum(Tensor x, int axis)
    {
        double[] dst;
        int rows, cols;
        if (axis == 0)
        {
            (rows, cols) = (1, x.Cols);
            dst = Tensor.NewBuffer(1, x.Cols);
            for (var r = 0; r < x.Rows; r++)
                Kernels.Add(dst, x.Row(r), dst);
        }
        else if (axis == 1)
        {
            (rows, cols) = (x.Rows, 1);
            dst = Tensor.NewUninitialized(x.Rows, 1);
            for (var r = 0; r < x.Rows; r++) dst[r] = Kernels.Sum(x.Row(r));
        }
        else throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be 0 (over rows) or 1 (over columns)");
        return Record(Tensor.Wrap(rows, cols, dst), [x], ct => [BroadcastTo(ct, x.Rows, x.Cols)]);
    }

    /// <summary>Mean along an axis (see <see cref="Sum(Tensor, int)"/>).</summary>
    public static Tensor Mean(Tensor x, int axis) => Scale(Sum(x, axis), 1.0 / (axis == 0 ? x.Rows : x.Cols));

    /// <summary>
    /// log sum_j exp(x_ij) along axis 1 (result Rows x 1) or axis 0 (result 1 x Cols), computed
    /// as m + log sum exp(x - m) with m the maximum, so [1000, 1000] gives 1000 + ln 2.
    /// A slice that is all -inf gives -inf with a zero gradient. Pullback: ct softmax(x).
    /// </summary>
    public static Tensor LogSumExp(Tensor x, int axis)
    {
        if (axis == 0) return Transpose(LogSumExp(Transpose(x), 1));
        if (axis != 1) throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be 0 (over rows) or 1 (over columns)");
        var lse = Tensor.NewUninitialized(x.Rows, 1);
        for (var r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            var m = double.NegativeInfinity;
            foreach (var v in row) m = Math.Max(m, v);
            if (double.IsInfinity(m)) { lse[r] = m; continue; }
            var s = 0.0;
            foreach (var v in row) s += Math.Exp(v - m);
            lse[r] = m + Math.Log(s);
        }
        var y = Tensor.Wrap(x.Rows, 1, lse);
        var cx = x.Detach();
        return Record(y, [x], ct => [SoftmaxTimes(cx, y, ct)]);
    }

    /// <summary>ct_r * exp(x_rj - lse_r), with 0 where the row's lse is infinite.</summary>
    private static Tensor SoftmaxTimes(Tensor x, Tensor lse, Tensor ct)
    {
        var dst = Tensor.NewUninitialized(x.Rows, x.Cols);
        var src = x.Span;
        for (var r = 0; r < x.Rows; r++)
        {
            var l = lse.Span[r];
            var g = ct.Span[r];
            for (var c = 0; c < x.Cols; c++)
                dst[r * x.Cols + c] = double.IsInfinity(l) ? 0 : g * Math.Exp(src[r * x.Cols + c] - l);
        }
        return Tensor.Wrap(x.Rows, x.Cols, dst);
    }

    /// <summary>x (1 x c, r x 1 or 1 x 1) repeated to rows x cols. Pullback: the sum back down.</summary>
    public static Tensor BroadcastTo(Tensor x, int rows, int cols)
    {
        if (x.Rows == rows && x.Cols == cols) return x;
        if ((x.Rows != 1 && x.Rows != rows) || (x.Cols != 1 && x.Cols != cols))
            throw new ArgumentException($"cannot broadcast {x.ShapeString} to {rows}x{cols}", nameof(x));
        var src = x.Span;
        var dst = Tensor.NewUninitialized(rows, cols);
        for (var r = 0; r < rows; r++)
        {
            var row = dst.AsSpan(r * cols, cols);
            var from = x.Rows == 1 ? 0 : r;
            if (x.Cols == 1) row.Fill(src[from]);
            else x.Row(from).CopyTo(row);
        }
        return Record(Tensor.Wrap(rows, cols, dst), [x], ct => [ReduceTo(ct, x)]);
    }
}
