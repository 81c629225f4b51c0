namespace RepLearn.Functional.Trees;

/// <summary>
/// An immutable tree of tensors (a parameter record, a gradient, an optimizer's state, a training state): the one
/// tree protocol. A tree says how it flattens (its leaves and counts, in a fixed order, with stable dotted paths)
/// and how it is rebuilt from a template and new leaves; everything else — <see cref="Tree.Map{T}"/>,
/// <see cref="Tree.Zip{T}"/>, <see cref="Tree.Leaves{T}"/>, gradient arithmetic, norms, checkpoints — is written
/// once on top, in <see cref="Tree"/> (as jax.tree_util and Equinox do).
/// Declare a tree as a <c>[Tree] partial record</c> and both members are generated (see <see cref="TreeAttribute"/>).
/// Laws, with counts and static data carried unchanged: <c>Map(t, x => x) == t</c>;
/// <c>Map(Map(t, f), g) == Map(t, x => g(f(x)))</c>; <c>Leaves(Map(t, f))</c> is <c>Leaves(t)</c> mapped by f, in
/// the same order; <c>Unflatten(t, Leaves(t)) == t</c>.
/// </summary>
/// <typeparam name="TSelf">The record type itself.</typeparam>
public interface ITree<TSelf> where TSelf : ITree<TSelf>
{
    /// <summary>Hands <paramref name="tree"/>'s leaves, counts and subtrees to <paramref name="into"/>, in field order.</summary>
    static abstract void Flatten(TSelf tree, TreeFlattener into);

    /// <summary>
    /// <paramref name="template"/> with every leaf (and, when a serialiser supplies them, every count) taken in
    /// flattening order from <paramref name="from"/>; static data and, otherwise, counts are the template's.
    /// </summary>
    static abstract TSelf Unflatten(TSelf template, TreeUnflattener from);
}
