namespace RepLearn.Functional.Autodiff;

/// <summary>
/// One entry of the reverse-mode tape: the inputs a value was computed from and its pullback,
/// the vector-Jacobian product <c>ct -> (ct . d out/d input_i)_i</c>. A leaf (a parameter being
/// differentiated) has no parents. Nodes are immutable and reachable only from the tensors they label.
/// </summary>
internal sealed class Node
{
    public static readonly Tensor?[] NoParentCotangents = [];

    public Tensor[] Parents { get; }

    /// <summary>Maps the output's cotangent to one cotangent per parent (null where a parent is constant).</summary>
    public Func<Tensor, Tensor?[]> Pullback { get; }

    private Node(Tensor[] parents, Func<Tensor, Tensor?[]> pullback)
    {
        Parents = parents;
        Pullback = pullback;
    }

    public static Node Leaf() => new([], _ => NoParentCotangents);

    public static Node Of(Tensor[] parents, Func<Tensor, Tensor?[]> pullback) => new(parents, pullback);
}
