namespace RepLearn.Functional.Tensors;

/// <summary>A single tensor is the smallest tree: one leaf, at the empty path.</summary>
public sealed partial class Tensor : ITree<Tensor>
{
    /// <inheritdoc />
    public static void Flatten(Tensor tree, TreeFlattener into) => into.Leaf("", tree);

    /// <inheritdoc />
    public static Tensor Unflatten(Tensor template, TreeUnflattener from) => from.Leaf(template);
}
