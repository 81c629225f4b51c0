using System.Numerics;
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
        var y = Elementwise<AddOp>(a, b, static (x, z) => x + z, nameof(Add));
        return Record(y, [a, b], ct => [Unless(a.RequiresGrad, () => ReduceTo(ct, a)), Unless(b.RequiresGrad, () => ReduceTo(ct, b))]);
    }

    /// <summary>a - b with broadcasting. Pullback: (ct, -ct), reduced to each input's shape.</summary>
    public static Tensor Sub(Tensor a, Tensor b)
    {
        var y = Broadcast(a, b, static (x, z) => x - z, nameof(Sub));
        return Record(y, [a, b], ct => [Unless(a.RequiresGrad, () => ReduceTo(ct, a)), Unless(b.RequiresGrad, () => ReduceTo(Scale(ct, -1), b))]);
    }

    /// <summary>a * b element-wise with broadcasting. Pullback: (ct b, ct a), reduced.</summary>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        var y = Elementwise<MultiplyOp>(a, b, static (x, z) => x * z, nameof(Mul));
        var ca = a.Detach();
        var cb = b.Detach();
        return Record(y, [a, b], ct => [Unless(a.RequiresGrad, () => ReduceTo(Mul(ct, cb), a)), Unless(b.RequiresGrad, () => ReduceTo(Mul(ct, ca), b))]);
    }

    /// <summary>a / b element-wise with broadcasting. Pullback: (ct / b, -ct a / b^2), reduced.</summary>
    public static Tensor Div(Tensor a, Tensor b)
    {
        var y = Broadcast(a, b, static (x, z) => x / z, nameof(Div));
        var cb = b.Detach();
        return Record(y, [a, b], ct => [
            Unless(a.RequiresGrad, () => ReduceTo(Div(ct, cb), a)),
            Unless(b.RequiresGrad, () => ReduceTo(Scale(Div(Mul(ct, y), cb), -1), b))]);
    }

    /// <summary>s * x for a constant s (a weak scalar: rounded to float32 for a float32 x). Pullback: s ct.</summary>
    public static Tensor Scale(Tensor x, double s) =>
        Record(x.DType == DType.Float32 ? Scaled<float>(x, s) : Scaled<double>(x, s), [x], ct => [Scale(ct, s)]);

    /// <summary>s * x as a new constant tensor of x's dtype.</summary>
    internal static Tensor Scaled<T>(Tensor x, double s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dst = Tensor.NewUninitialized<T>(x.Rows, x.Cols);
        Kernels.Scale(x.SpanOf<T>(), T.CreateTruncating(s), dst);
        return Tensor.Wrap(x.Rows, x.Cols, dst);
    }

    /// <summary>-x.</summary>
    public static Tensor Neg(Tensor x) => Scale(x, -1);

    /// <summary>x + s for a constant s (a weak scalar, rounded to x's dtype first). Pullback: ct.</summary>
    public static Tensor AddScalar(Tensor x, double s)
    {
        var w = WeakScalar(x, s);
        return Record(Map(x, v => v + w), [x], ct => [ct]);
    }

    /// <summary>s as x's dtype holds it (rounded to nearest for float32), so scalar arguments act as PyTorch's Python numbers.</summary>
    internal static double WeakScalar(Tensor x, double s) => x.DType == DType.Float32 ? (float)s : s;

    /// <summary>
    /// a op b: the vector kernel for equal shapes and for a 1 x c row b added to every row, else the general broadcast.
    /// </summary>
    private static Tensor Elementwise<TOp>(Tensor a, Tensor b, Func<double, double, double> f, string name) where TOp : IArithmetic
    {
        DTypes.RequireSame(a, b, name);
        if (!a.SameShape(b) && !(b.Rows == 1 && b.Cols == a.Cols)) return Broadcast(a, b, f, name);
        return a.DType == DType.Float32 ? RowsOf<TOp, float>(a, b) : RowsOf<TOp, double>(a, b);
    }

    /// <summary>a op b for two same-shape, same-dtype constant tensors, by the vector kernel (tree arithmetic, cotangent sums).</summary>
    internal static Tensor Combine<TOp>(Tensor a, Tensor b) where TOp : IArithmetic =>
        a.DType == DType.Float32 ? RowsOf<TOp, float>(a, b) : RowsOf<TOp, double>(a, b);

    /// <summary>a op b for b of a's shape (one kernel call) or a 1 x c row (one call per row of a).</summary>
    private static Tensor RowsOf<TOp, T>(Tensor a, Tensor b) where TOp : IArithmetic where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dst = Tensor.NewUninitialized<T>(a.Rows, a.Cols);
        var sa = a.SpanOf<T>();
        var sb = b.SpanOf<T>();
        if (a.SameShape(b))
        {
            var (xa, xb) = (a.BufferOf<T>(), b.BufferOf<T>());
            ParallelChunks.For(dst.Length, (start, count) => Kernels.Binary<TOp, T>(xa.AsSpan(start, count), xb.AsSpan(start, count), dst.AsSpan(start, count)));
        }
        else
            for (var r = 0; r < a.Rows; r++)
                Kernels.Binary<TOp, T>(sa.Slice(r * a.Cols, a.Cols), sb, dst.AsSpan(r * a.Cols, a.Cols));
        return Tensor.Wrap(a.Rows, a.Cols, dst);
    }

    /// <summary>The broadcast shape of a and b, or an error naming both shapes.</summary>
    internal static (int Rows, int Cols) BroadcastShape(Tensor a, Tensor b)
    {
        static int Dim(int x, int y, Tensor a, Tensor b) =>
            x == y || y == 1 ? x : x == 1 ? y
            : throw new ArgumentException($"shapes {a.ShapeString} and {b.ShapeString} do not broadcast");
        return (Dim(a.Rows, b.Rows, a, b), Dim(a.Cols, b.Cols, a, b));
    }

    /// <summary>f(a, b) with broadcasting, f evaluated in double (exactly float32 arithmetic for + - * /, see <see cref="Ops"/>).</summary>
    private static Tensor Broadcast(Tensor a, Tensor b, Func<double, double, double> f, string name)
    {
        DTypes.RequireSame(a, b, name);
        return a.DType == DType.Float32 ? Broadcast<float>(a, b, f) : Broadcast<double>(a, b, f);
    }

    private static Tensor Broadcast<T>(Tensor a, Tensor b, Func<double, double, double> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, cols) = BroadcastShape(a, b);
        var sa = a.SpanOf<T>();
        var sb = b.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(rows, cols);
        var (ar, ac, br, bc) = (a.Rows == 1 ? 0 : a.Cols, a.Cols == 1 ? 0 : 1, b.Rows == 1 ? 0 : b.Cols, b.Cols == 1 ? 0 : 1);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                dst[r * cols + c] = T.CreateTruncating(f(double.CreateTruncating(sa[r * ar + c * ac]), double.CreateTruncating(sb[r * br + c * bc])));
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
