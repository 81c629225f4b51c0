using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Functional.Models;

/// <summary>
/// A VAE's parameters: a trunk h = Encoder(x), the Gaussian posterior's heads mu = Mean(h) and
/// log sigma^2 = LogVar(h), and the decoder g(z) (logits or means).
/// </summary>
public sealed record VaeParams(Mlp Encoder, Dense Mean, Dense LogVar, Mlp Decoder) : ITree<VaeParams>
{
    /// <inheritdoc />
    public static VaeParams Map(VaeParams t, Func<Tensor, Tensor> f) =>
        new(Mlp.Map(t.Encoder, f), Dense.Map(t.Mean, f), Dense.Map(t.LogVar, f), Mlp.Map(t.Decoder, f));

    /// <inheritdoc />
    public static VaeParams Zip(VaeParams a, VaeParams b, Func<Tensor, Tensor, Tensor> f) =>
        new(Mlp.Zip(a.Encoder, b.Encoder, f), Dense.Zip(a.Mean, b.Mean, f), Dense.Zip(a.LogVar, b.LogVar, f), Mlp.Zip(a.Decoder, b.Decoder, f));

    /// <inheritdoc />
    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(VaeParams t) =>
        TreePaths.Under("encoder", t.Encoder).Concat(TreePaths.Under("mean", t.Mean))
            .Concat(TreePaths.Under("log_var", t.LogVar)).Concat(TreePaths.Under("decoder", t.Decoder));
}
