using RepLearn.Functional.Trees;

namespace RepLearn.Functional.Tensors;

/// <summary>A single tensor is the smallest tree: one leaf.</summary>
public sealed partial class Tensor : ITree<Tensor>
{
    /// <inheritdoc />
    public static Tensor Map(Tensor tree, Func<Tensor, Tensor> f) => f(tree);

    /// <inheritdoc />
    public static Tensor Zip(Tensor first, Tensor second, Func<Tensor, Tensor, Tensor> f) => f(first, second);

    /// <inheritdoc />
    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(Tensor tree) => [("", tree)];
}
