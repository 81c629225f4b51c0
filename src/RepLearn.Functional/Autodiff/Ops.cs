namespace RepLearn.Functional.Autodiff;

/// <summary>
/// The differentiable primitives. Each computes its value from constant inputs and, when any
/// input requires a gradient, records a pullback (vector-Jacobian product) on the tape.
/// Models and losses are compositions of these; none has a backward pass of its own.
/// Every pullback is checked against central finite differences in the properties project.
/// </summary>
public static partial class Ops
{
    /// <summary>Attaches <paramref name="pullback"/> to <paramref name="value"/> when a parent needs gradients.</summary>
    internal static Tensor Record(Tensor value, Tensor[] parents, Func<Tensor, Tensor?[]> pullback)
    {
        foreach (var p in parents)
            if (p.RequiresGrad) return value.WithNode(Node.Of(parents, pullback));
        return value;
    }

    /// <summary>Element-wise map into a new constant tensor.</summary>
    internal static Tensor Map(Tensor x, Func<double, double> f)
    {
        var src = x.Span;
        var dst = Tensor.NewUninitialized(x.Rows, x.Cols);
        for (var i = 0; i < dst.Length; i++) dst[i] = f(src[i]);
        return Tensor.Wrap(x.Rows, x.Cols, dst);
    }

    /// <summary>Element-wise map by a vectorised operator into a new constant tensor.</summary>
    internal static Tensor Map<TOp>(Tensor x) where TOp : IUnaryOp
    {
        var dst = Tensor.NewUninitialized(x.Rows, x.Cols);
        VectorMath.Map<TOp>(x.Span, dst);
        return Tensor.Wrap(x.Rows, x.Cols, dst);
    }

    /// <summary>Element-wise combination by a vectorised operator into a new constant tensor.</summary>
    internal static Tensor Zip<TOp>(Tensor a, Tensor b) where TOp : IBinaryOp
    {
        var dst = Tensor.NewUninitialized(a.Rows, a.Cols);
        VectorMath.Zip<TOp>(a.Span, b.Span, dst);
        return Tensor.Wrap(a.Rows, a.Cols, dst);
    }

    /// <summary>Element-wise combination of two same-shape tensors into a new constant tensor.</summary>
    internal static Tensor Zip(Tensor a, Tensor b, Func<double, double, double> f)
    {
        var sa = a.Span;
        var sb = b.Span;
        var dst = Tensor.NewUninitialized(a.Rows, a.Cols);
        for (var i = 0; i < dst.Length; i++) dst[i] = f(sa[i], sb[i]);
        return Tensor.Wrap(a.Rows, a.Cols, dst);
    }

    /// <summary>Cotangent for a constant parent: none.</summary>
    internal static Tensor? Unless(bool needed, Func<Tensor> compute) => needed ? compute() : null;
}
