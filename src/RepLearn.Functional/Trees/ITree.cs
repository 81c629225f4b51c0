using RepLearn.Functional.Tensors;

namespace RepLearn.Functional.Trees;

/// <summary>
/// An immutable tree of tensors (a parameter record, a gradient, an optimizer's moment estimates).
/// Structural map and zip are written once per record, so optimizers, gradient arithmetic,
/// serialisation and finiteness checks are written once for every model.
/// Laws: <c>Map(t, x => x) == t</c>; <c>Map(Map(t, f), g) == Map(t, x => g(f(x)))</c>;
/// <c>Leaves(Map(t, f))</c> is <c>Leaves(t)</c> mapped by f, in the same order.
/// </summary>
/// <typeparam name="TSelf">The record type itself.</typeparam>
public interface ITree<TSelf> where TSelf : ITree<TSelf>
{
    /// <summary>The same structure with every leaf replaced by <c>f(leaf)</c>.</summary>
    static abstract TSelf Map(TSelf tree, Func<Tensor, Tensor> f);

    /// <summary>Leaf-wise combination of two trees of the same structure.</summary>
    static abstract TSelf Zip(TSelf first, TSelf second, Func<Tensor, Tensor, Tensor> f);

    /// <summary>The leaves in a fixed order, paired with a stable dotted path (e.g. "encoder.0.weight").</summary>
    static abstract IEnumerable<(string Path, Tensor Leaf)> Leaves(TSelf tree);
}
