namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// a + b with broadcasting: each dimension of a and b is equal or 1 (a 1 x c row vector
    /// is added to every row, an r x 1 column to every column, a 1 x 1 scalar everywhere).
    /// Pullback: ct, summed over the broadcast dimensions of each input.
    /// </summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        var y = a.SameShape(b) ? Fast(a, b, Kernels.Add)
            : b.Rows == 1 && b.Cols == a.Cols ? RowBroadcast(a, b, Kernels.Add)
            : Broadcast(a, b, static (x, z) => x + z);
        return Record(y, [a, b], ct => [Unless(a.RequiresGrad, () => ReduceTo(ct, a)), Unless(b.RequiresGrad, () => ReduceTo(ct, b))]);
    }

    /// <summary>a - b with broadcasting. Pullback: (ct, -ct), reduced to each input's shape.</summary>
    public static Tensor Sub(Tensor a, Tensor b)
    {
        var y = Broadcast(a, b, static (x, z) => x - z);
        return Record(y, [a, b], ct => [Unless(a.RequiresGrad, () => ReduceTo(ct, a)), Unless(b.RequiresGrad, () => ReduceTo(Scale(ct, -1), b))]);
    }

    /// <summary>a * b element-wise with broadcasting. Pullback: (ct b, ct a), reduced.</summary>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        var y = a.SameShape(b) ? Fast(a, b, Kernels.Multiply)
            : b.Rows == 1 && b.Cols == a.Cols ? RowBroadcast(a, b, Kernels.Multiply)
            : Broadcast(a, b, static (x, z) => x * z);
        var ca = a.Detach();
        var cb = b.Detach();
        return Record(y, [a, b], ct => [Unless(a.RequiresGrad, () => ReduceTo(Mul(ct, cb), a)), Unless(b.RequiresGrad, () => ReduceTo(Mul(ct, ca), b))]);
    }

    /// <summary>a / b element-wise with broadcasting. Pullback: (ct / b, -ct a / b^2), reduced.</summary>
    public static Tensor Div(Tensor a, Tensor b)
    {
        var y = Broadcast(a, b, static (x, z) => x / z);
        var cb = b.Detach();
        return Record(y, [a, b], ct => [
            Unless(a.RequiresGrad, () => ReduceTo(Div(ct, cb), a)),
            Unless(b.RequiresGrad, () => ReduceTo(Scale(Div(Mul(ct, y), cb), -1), b))]);
    }

    /// <summary>s * x for a constant s. Pullback: s ct.</summary>
    public static Tensor Scale(Tensor x, double s)
    {
        var dst = Tensor.NewUninitialized(x.Rows, x.Cols);
        Kernels.Scale(x.Span, s, dst);
        return Record(Tensor.Wrap(x.Rows, x.Cols, dst), [x], ct => [Scale(ct, s)]);
    }

    /// <summary>-x.</summary>
    public static Tensor Neg(Tensor x) => Scale(x, -1);

    /// <summary>x + s for a constant s. Pullback: ct.</summary>
    public static Tensor AddScalar(Tensor x, double s) => Record(Map(x, v => v + s), [x], ct => [ct]);

    private static Tensor Fast(Tensor a, Tensor b, SpanKernel kernel)
    {
        var dst = Tensor.NewUninitialized(a.Rows, a.Cols);
        kernel(a.Span, b.Span, dst);
        return Tensor.Wrap(a.Rows, a.Cols, dst);
    }

    /// <summary>a (r x c) combined with a 1 x c row b, row by row with a vector kernel.</summary>
    private static Tensor RowBroadcast(Tensor a, Tensor b, SpanKernel kernel)
    {
        var dst = Tensor.NewUninitialized(a.Rows, a.Cols);
        for (var r = 0; r < a.Rows; r++) kernel(a.Row(r), b.Span, dst.AsSpan(r * a.Cols, a.Cols));
        return Tensor.Wrap(a.Rows, a.Cols, dst);
    }

    private delegate void SpanKernel(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> dst);

    /// <summary>The broadcast shape of a and b, or an error naming both shapes.</summary>
    internal static (int Rows, int Cols) BroadcastShape(Tensor a, Tensor b)
    {
        static int Dim(int x, int y, Tensor a, Tensor b) =>
            x == y || y == 1 ? x : x == 1 ? y
            : throw new ArgumentException($"shapes {a.ShapeString} and {b.ShapeString} do not broadcast");
        return (Dim(a.Rows, b.Rows, a, b), Dim(a.Cols, b.Cols, a, b));
    }

    private static Tensor Broadcast(Tensor a, Tensor b, Func<double, double, double> f)
    {
        var (rows, cols) = BroadcastShape(a, b);
        var sa = a.Span;
        var sb = b.Span;
        var dst = Tensor.NewUninitialized(rows, cols);
        var (ar, ac, br, bc) = (a.Rows == 1 ? 0 : a.Cols, a.Cols == 1 ? 0 : 1, b.Rows == 1 ? 0 : b.Cols, b.Cols == 1 ? 0 : 1);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                dst[r * cols + c] = f(sa[r * ar + c * ac], sb[r * br + c * bc]);
        return Tensor.Wrap(rows, cols, dst);
    }

    /// <summary>Sums a broadcast cotangent back down to the shape of <paramref name="like"/>.</summary>
    internal static Tensor ReduceTo(Tensor ct, Tensor like)
    {
        if (ct.SameShape(like)) return ct;
        var reduced = ct;
        if (like.Rows == 1 && reduced.Rows != 1) reduced = Sum(reduced, 0);
        if (like.Cols == 1 && reduced.Cols != 1) reduced = Sum(reduced, 1);
        return reduced;
    }
}
