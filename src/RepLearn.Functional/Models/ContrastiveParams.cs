using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Functional.Models;

/// <summary>A SimCLR-style encoder: representation h = Encoder(x), projection z = Projection(h) for the loss.</summary>
public sealed record ContrastiveParams(Mlp Encoder, Mlp Projection) : ITree<ContrastiveParams>
{
    /// <inheritdoc />
    public static ContrastiveParams Map(ContrastiveParams t, Func<Tensor, Tensor> f) => new(Mlp.Map(t.Encoder, f), Mlp.Map(t.Projection, f));

    /// <inheritdoc />
    public static ContrastiveParams Zip(ContrastiveParams a, ContrastiveParams b, Func<Tensor, Tensor, Tensor> f) =>
        new(Mlp.Zip(a.Encoder, b.Encoder, f), Mlp.Zip(a.Projection, b.Projection, f));

    /// <inheritdoc />
    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(ContrastiveParams t) =>
        TreePaths.Under("encoder", t.Encoder).Concat(TreePaths.Under("projection", t.Projection));
}
