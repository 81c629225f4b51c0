using System.Numerics;
namespace RepLearn.Functional.Autodiff;

/// <summary>
/// The differentiable primitives. Each computes its value from constant inputs and, when any
/// input requires a gradient, records a pullback (vector-Jacobian product) on the tape.
/// Models and losses are compositions of these; none has a backward pass of its own.
/// Every pullback is checked against central finite differences in the properties project.
/// </summary>
/// <remarks>
/// Every primitive works in float64 and float32 (<see cref="DType"/>): its result and its cotangents have its inputs'
/// dtype, and two tensor inputs of different dtypes are an error naming both. Vectorised kernels run natively in each
/// dtype; an element-wise function given as a double lambda (tanh, sqrt, log1p, clamp, broadcasting arithmetic) is
/// evaluated at the exactly widened float32 argument and rounded once, which for + - * / and sqrt gives exactly the
/// float32 operation's bits (double rounding is innocuous when 53 &gt;= 2 * 24 + 2) and for the others the correctly
/// rounded float64 value.
/// </remarks>
public static partial class Ops
{
    /// <summary>Attaches <paramref name="pullback"/> to <paramref name="value"/> when a parent needs gradients.</summary>
    internal static Tensor Record(Tensor value, Tensor[] parents, Func<Tensor, Tensor?[]> pullback)
    {
        foreach (var p in parents)
            if (p.RequiresGrad) return value.WithNode(Node.Of(parents, pullback));
        return value;
    }

    /// <summary>Element-wise map into a new constant tensor of x's dtype (float32 through double, rounded once).</summary>
    internal static Tensor Map(Tensor x, Func<double, double> f) => x.DType == DType.Float32 ? Map<float>(x, f) : Map<double>(x, f);

    private static Tensor Map<T>(Tensor x, Func<double, double> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = x.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(x.Rows, x.Cols);
        for (var i = 0; i < dst.Length; i++) dst[i] = T.CreateTruncating(f(double.CreateTruncating(src[i])));
        return Tensor.Wrap(x.Rows, x.Cols, dst);
    }

    /// <summary>Element-wise map by a vectorised operator into a new constant tensor.</summary>
    internal static Tensor Map<TOp>(Tensor x) where TOp : IUnaryOp => x.DType == DType.Float32 ? MapOp<TOp, float>(x) : MapOp<TOp, double>(x);

    private static Tensor MapOp<TOp, T>(Tensor x) where TOp : IUnaryOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dst = Tensor.NewUninitialized<T>(x.Rows, x.Cols);
        var src = x.BufferOf<T>();
        ParallelChunks.For(dst.Length, (start, count) => VectorMath.Map<TOp, T>(src.AsSpan(start, count), dst.AsSpan(start, count)));
        return Tensor.Wrap(x.Rows, x.Cols, dst);
    }

    /// <summary>Element-wise combination by a vectorised operator into a new constant tensor.</summary>
    internal static Tensor Zip<TOp>(Tensor a, Tensor b) where TOp : IBinaryOp
    {
        DTypes.RequireSame(a, b, typeof(TOp).Name);
        return a.DType == DType.Float32 ? ZipOp<TOp, float>(a, b) : ZipOp<TOp, double>(a, b);
    }

    private static Tensor ZipOp<TOp, T>(Tensor a, Tensor b) where TOp : IBinaryOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dst = Tensor.NewUninitialized<T>(a.Rows, a.Cols);
        var (sa, sb) = (a.BufferOf<T>(), b.BufferOf<T>());
        ParallelChunks.For(dst.Length, (start, count) => VectorMath.Zip<TOp, T>(sa.AsSpan(start, count), sb.AsSpan(start, count), dst.AsSpan(start, count)));
        return Tensor.Wrap(a.Rows, a.Cols, dst);
    }

    /// <summary>Element-wise combination of two same-shape, same-dtype tensors into a new constant tensor (float32 through double).</summary>
    internal static Tensor Zip(Tensor a, Tensor b, Func<double, double, double> f)
    {
        DTypes.RequireSame(a, b, "element-wise combination");
        return a.DType == DType.Float32 ? Zip<float>(a, b, f) : Zip<double>(a, b, f);
    }

    private static Tensor Zip<T>(Tensor a, Tensor b, Func<double, double, double> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sa = a.SpanOf<T>();
        var sb = b.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(a.Rows, a.Cols);
        for (var i = 0; i < dst.Length; i++) dst[i] = T.CreateTruncating(f(double.CreateTruncating(sa[i]), double.CreateTruncating(sb[i])));
        return Tensor.Wrap(a.Rows, a.Cols, dst);
    }

    /// <summary>Cotangent for a constant parent: none.</summary>
    internal static Tensor? Unless(bool needed, Func<Tensor> compute) => needed ? compute() : null;
}
