using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Functional.Models;

/// <summary>An autoencoder's parameters: encoder f and decoder g, so that r(x) = g(f(x)).</summary>
public sealed record AutoencoderParams(Mlp Encoder, Mlp Decoder) : ITree<AutoencoderParams>
{
    /// <inheritdoc />
    public static AutoencoderParams Map(AutoencoderParams t, Func<Tensor, Tensor> f) => new(Mlp.Map(t.Encoder, f), Mlp.Map(t.Decoder, f));

    /// <inheritdoc />
    public static AutoencoderParams Zip(AutoencoderParams a, AutoencoderParams b, Func<Tensor, Tensor, Tensor> f) =>
        new(Mlp.Zip(a.Encoder, b.Encoder, f), Mlp.Zip(a.Decoder, b.Decoder, f));

    /// <inheritdoc />
    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(AutoencoderParams t) =>
        TreePaths.Under("encoder", t.Encoder).Concat(TreePaths.Under("decoder", t.Decoder));
}
