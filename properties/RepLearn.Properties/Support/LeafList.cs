using System.Collections.Immutable;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Properties.Support;

/// <summary>
/// A flat tree of any number of tensors, so that the gradient checker can differentiate a
/// function of several inputs (both operands of a matmul, say) in one <c>ValueAndGrad</c> call.
/// </summary>
public sealed record LeafList(ImmutableArray<Tensor> Items) : ITree<LeafList>
{
    /// <summary>The i-th leaf.</summary>
    public Tensor this[int i] => Items[i];

    /// <summary>Number of leaves.</summary>
    public int Count => Items.Length;

    /// <summary>A list of the given tensors, in order.</summary>
    public static LeafList Of(params Tensor[] items) => new([.. items]);

    /// <inheritdoc />
    public static LeafList Map(LeafList tree, Func<Tensor, Tensor> f) => new([.. tree.Items.Select(f)]);

    /// <inheritdoc />
    public static LeafList Zip(LeafList first, LeafList second, Func<Tensor, Tensor, Tensor> f)
    {
        if (first.Count != second.Count)
            throw new ArgumentException($"leaf counts differ: {first.Count} and {second.Count}");
        return new([.. first.Items.Zip(second.Items, f)]);
    }

    /// <inheritdoc />
    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(LeafList tree) =>
        tree.Items.Select((t, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), t));
}
