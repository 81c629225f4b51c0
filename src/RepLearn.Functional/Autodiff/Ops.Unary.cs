namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>e^x. Pullback: ct e^x.</summary>
    public static Tensor Exp(Tensor x)
    {
        var y = Map<ExpOp>(x);
        return Record(y, [x], ct => [Mul(ct, y)]);
    }

    /// <summary>ln x. Pullback: ct / x.</summary>
    public static Tensor Log(Tensor x)
    {
        var cx = x.Detach();
        return Record(Map<LogOp>(x), [x], ct => [Zip<DivideOp>(ct, cx)]);
    }

    /// <summary>ln(1 + x), accurate near 0. Pullback: ct / (1 + x).</summary>
    public static Tensor Log1p(Tensor x)
    {
        var cx = x.Detach();
        return Record(Map(x, Scalar.Log1p), [x], ct => [Zip(ct, cx, static (g, v) => g / (1 + v))]);
    }

    /// <summary>e^x - 1, accurate near 0. Pullback: ct e^x.</summary>
    public static Tensor Expm1(Tensor x)
    {
        var cx = x.Detach();
        return Record(Map(x, Scalar.Expm1), [x], ct => [Zip(ct, cx, static (g, v) => g * Math.Exp(v))]);
    }

    /// <summary>e^x - 1 - x, accurate near 0 (where it is about x^2/2). Pullback: ct (e^x - 1).</summary>
    public static Tensor Expm1MinusX(Tensor x)
    {
        var cx = x.Detach();
        return Record(Map(x, Scalar.Expm1MinusX), [x], ct => [Zip(ct, cx, static (g, v) => g * Scalar.Expm1(v))]);
    }

    /// <summary>softplus(x) = ln(1 + e^x), stable for all finite x. Pullback: ct sigmoid(x).</summary>
    public static Tensor Softplus(Tensor x)
    {
        var cx = x.Detach();
        return Record(Map<SoftplusOp>(x), [x], ct => [Zip<SoftplusGradOp>(ct, cx)]);
    }

    /// <summary>sigmoid(x) = 1 / (1 + e^-x). Pullback: ct y (1 - y).</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        var y = Map<SigmoidOp>(x);
        return Record(y, [x], ct => [Zip<SigmoidGradOp>(ct, y)]);
    }

    /// <summary>tanh x. Pullback: ct (1 - y^2).</summary>
    public static Tensor Tanh(Tensor x)
    {
        var y = Map(x, Math.Tanh);
        return Record(y, [x], ct => [Zip(ct, y, static (g, t) => g * (1 - t * t))]);
    }

    /// <summary>max(x, 0). Pullback: ct where x &gt; 0, else 0 (the subgradient 0 at the kink, as PyTorch).</summary>
    public static Tensor Relu(Tensor x)
    {
        var cx = x.Detach();
        return Record(Map<ReluOp>(x), [x], ct => [Zip<ReluGradOp>(ct, cx)]);
    }

    /// <summary>x^2. Pullback: 2 x ct.</summary>
    public static Tensor Square(Tensor x)
    {
        var cx = x.Detach();
        return Record(Map<SquareOp>(x), [x], ct => [Zip<SquareGradOp>(ct, cx)]);
    }

    /// <summary>sqrt x. Pullback: ct / (2 y).</summary>
    public static Tensor Sqrt(Tensor x)
    {
        var y = Map(x, Math.Sqrt);
        return Record(y, [x], ct => [Zip(ct, y, static (g, s) => g / (2 * s))]);
    }

    /// <summary>
    /// min(max(x, lo), hi). Pullback: ct where lo &lt;= x &lt;= hi, else 0 (as PyTorch's clamp).
    /// </summary>
    public static Tensor Clamp(Tensor x, double lo, double hi)
    {
        var cx = x.Detach();
        (lo, hi) = (WeakScalar(x, lo), WeakScalar(x, hi));
        return Record(Map(x, v => Math.Clamp(v, lo, hi)), [x], ct => [Zip(ct, cx, (g, v) => v >= lo && v <= hi ? g : 0)]);
    }
}
