using System.Collections.Immutable;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Properties.Support;

/// <summary>
/// A flat tree of any number of tensors, so that the gradient checker can differentiate a
/// function of several inputs (both operands of a matmul, say) in one <c>ValueAndGrad</c> call.
/// </summary>
/// <param name="Items">The leaves, at paths "0", "1", ...</param>
[Tree]
public sealed partial record LeafList([TreePath("")] ImmutableArray<Tensor> Items)
{
    /// <summary>The i-th leaf.</summary>
    public Tensor this[int i] => Items[i];

    /// <summary>Number of leaves.</summary>
    public int Count => Items.Length;

    /// <summary>A list of the given tensors, in order.</summary>
    public static LeafList Of(params Tensor[] items) => new([.. items]);
}
