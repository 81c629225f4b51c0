using System.Numerics;
namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>Sum of all elements, as 1 x 1 (accumulated in x's dtype). Pullback: ct broadcast to x's shape.</summary>
    public static Tensor Sum(Tensor x) =>
        Record(x.DType == DType.Float32 ? SumAll<float>(x) : SumAll<double>(x), [x], ct => [Tensor.Filled(x.Rows, x.Cols, ct.ToScalar(), x.DType)]);

    private static Tensor SumAll<T>(Tensor x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor.Wrap(1, 1, new[] { Kernels.Sum(x.SpanOf<T>()) });

    /// <summary>Mean of all elements, as 1 x 1.</summary>
    public static Tensor Mean(Tensor x) => Scale(Sum(x), 1.0 / x.Length);

    /// <summary>
    /// Sum along an axis, numpy-style: axis 0 collapses the rows (result 1 x Cols),
    /// axis 1 collapses the columns (result Rows x 1). Pullback: ct broadcast back.
    /// </summary>
    public static Tensor Sum(Tensor x, int axis)
    {
        if (axis is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be 0 (over rows) or 1 (over columns)");
        var y = x.DType == DType.Float32 ? SumAxis<float>(x, axis) : SumAxis<double>(x, axis);
        return Record(y, [x], ct => [BroadcastTo(ct, x.Rows, x.Cols)]);
    }

    private static Tensor SumAxis<T>(Tensor x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = x.SpanOf<T>();
        if (axis == 0)
        {
            var dst = Tensor.NewBuffer<T>(1, x.Cols);
            for (var r = 0; r < x.Rows; r++)
                Kernels.Add<T>(dst, src.Slice(r * x.Cols, x.Cols), dst);
            return Tensor.Wrap(1, x.Cols, dst);
        }
        var sums = Tensor.NewUninitialized<T>(x.Rows, 1);
        for (var r = 0; r < x.Rows; r++) sums[r] = Kernels.Sum(src.Slice(r * x.Cols, x.Cols));
        return Tensor.Wrap(x.Rows, 1, sums);
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
        var y = x.DType == DType.Float32 ? LogSumExpRows<float>(x) : LogSumExpRows<double>(x);
        var cx = x.Detach();
        return Record(y, [x], ct => [x.DType == DType.Float32 ? SoftmaxTimes<float>(cx, y, ct) : SoftmaxTimes<double>(cx, y, ct)]);
    }

    private static Tensor LogSumExpRows<T>(Tensor x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = x.SpanOf<T>();
        var lse = Tensor.NewUninitialized<T>(x.Rows, 1);
        for (var r = 0; r < x.Rows; r++)
        {
            var row = src.Slice(r * x.Cols, x.Cols);
            var m = T.NegativeInfinity;
            foreach (var v in row) m = T.Max(m, v);
            if (T.IsInfinity(m)) { lse[r] = m; continue; }
            var s = T.Zero;
            foreach (var v in row) s += T.Exp(v - m);
            lse[r] = m + T.Log(s);
        }
        return Tensor.Wrap(x.Rows, 1, lse);
    }

    /// <summary>ct_r * exp(x_rj - lse_r), with 0 where the row's lse is infinite.</summary>
    private static Tensor SoftmaxTimes<T>(Tensor x, Tensor lse, Tensor ct) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dst = Tensor.NewUninitialized<T>(x.Rows, x.Cols);
        var src = x.SpanOf<T>();
        var sl = lse.SpanOf<T>();
        var sg = ct.SpanOf<T>();
        for (var r = 0; r < x.Rows; r++)
        {
            var l = sl[r];
            var g = sg[r];
            for (var c = 0; c < x.Cols; c++)
                dst[r * x.Cols + c] = T.IsInfinity(l) ? T.Zero : g * T.Exp(src[r * x.Cols + c] - l);
        }
        return Tensor.Wrap(x.Rows, x.Cols, dst);
    }

    /// <summary>x (1 x c, r x 1 or 1 x 1) repeated to rows x cols. Pullback: the sum back down.</summary>
    public static Tensor BroadcastTo(Tensor x, int rows, int cols)
    {
        if (x.Rows == rows && x.Cols == cols) return x;
        if ((x.Rows != 1 && x.Rows != rows) || (x.Cols != 1 && x.Cols != cols))
            throw new ArgumentException($"cannot broadcast {x.ShapeString} to {rows}x{cols}", nameof(x));
        var y = x.DType == DType.Float32 ? Broadcasted<float>(x, rows, cols) : Broadcasted<double>(x, rows, cols);
        return Record(y, [x], ct => [ReduceTo(ct, x)]);
    }

    private static Tensor Broadcasted<T>(Tensor x, int rows, int cols) where T : unmanaged
    {
        var src = x.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(rows, cols);
        for (var r = 0; r < rows; r++)
        {
            var row = dst.AsSpan(r * cols, cols);
            var from = x.Rows == 1 ? 0 : r;
            if (x.Cols == 1) row.Fill(src[from]);
            else src.Slice(from * x.Cols, x.Cols).CopyTo(row);
        }
        return Tensor.Wrap(rows, cols, dst);
    }
}
