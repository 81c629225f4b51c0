namespace RepLearn.Functional.Autodiff;

/// <summary>
/// Reverse-mode differentiation of scalar functions of a parameter tree, written once for every
/// model and loss: <c>ValueAndGrad(f, p) = (f(p), df/dp)</c> with the gradient shaped like <c>p</c>.
/// </summary>
/// <example><code>
/// var (value, grad) = Grad.ValueAndGrad(w => Ops.Sum(Ops.Square(w)), Tensor.RowVector([1.0, 2.0]));
/// // value = 5, grad = [2, 4]
/// </code></example>
public static class Grad
{
    /// <summary>The value of <paramref name="f"/> at <paramref name="parameters"/> and its gradient tree.</summary>
    [Pure]
    public static (double Value, TTree Gradient) ValueAndGrad<TTree>(Func<TTree, Tensor> f, TTree parameters)
        where TTree : ITree<TTree>
    {
        var (value, gradient, _) = ValueAndGradWithAux(p => (f(p), 0), parameters);
        return (value, gradient);
    }

    /// <summary>
    /// Like <see cref="ValueAndGrad{TTree}"/>, for a function that also returns auxiliary data
    /// (metrics such as the reconstruction and KL terms), which is passed through undifferentiated.
    /// </summary>
    [Pure]
    public static (double Value, TTree Gradient, TAux Aux) ValueAndGradWithAux<TTree, TAux>(
        Func<TTree, (Tensor Loss, TAux Aux)> f, TTree parameters)
        where TTree : ITree<TTree>
    {
        var tracked = Tree.Map(parameters, leaf => leaf.WithNode(Node.Leaf()));
        var (loss, aux) = f(tracked);
        if (loss.Length != 1)
            throw new ArgumentException($"the differentiated function must return a 1x1 loss, got {loss.ShapeString}", nameof(f));
        var cotangents = Backprop.Run(loss);
        var gradient = Tree.Map(tracked, leaf =>
            cotangents.TryGetValue(leaf.Node!, out var g) ? g.Detach() : Tensor.ZerosLike(leaf));
        return (loss.ToScalar(), gradient, aux);
    }

    /// <summary>The gradient alone.</summary>
    [Pure]
    public static TTree Gradient<TTree>(Func<TTree, Tensor> f, TTree parameters) where TTree : ITree<TTree> =>
        ValueAndGrad(f, parameters).Gradient;
}
