using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Tests.Checkpoints;

/// <summary>A two-layer parameter tree with PyTorch-style names, for checkpoint tests.</summary>
[Tree]
internal sealed partial record TinyMlp(
    [TreePath("encoder.0.weight")] Tensor W0, [TreePath("encoder.0.bias")] Tensor B0,
    [TreePath("decoder.weight")] Tensor W1, [TreePath("decoder.bias")] Tensor B1)
{
    /// <summary>Deterministic, awkward values (irrational, tiny, huge, signed zero).</summary>
    public static TinyMlp Create(int input, int hidden) => new(
        Tensor.Create(hidden, input, (r, c) => Math.Sin(1 + r * 7 + c) * Math.Pow(10, (r + c) % 7 - 3)),
        Tensor.Create(1, hidden, (_, c) => c == 0 ? -0.0 : 1.0 / (c + 2)),
        Tensor.Create(input, hidden, (r, c) => Math.Cos(r - 3 * c) / 7),
        Tensor.Create(1, input, (_, c) => c * 1e-300));

    public static TinyMlp Zeros(int input, int hidden) => Tree.Map(Create(input, hidden), Tensor.ZerosLike);

    public static Dictionary<string, string> Hyper(int input, int hidden) => new() { ["input"] = $"{input}", ["hidden"] = $"{hidden}" };

    public static TinyMlp FromHyper(IReadOnlyDictionary<string, string> h) => Zeros(int.Parse(h["input"]), int.Parse(h["hidden"]));
}

/// <summary>A hand-written tree whose flattening fails after the first leaf, as a buggy serialiser would.</summary>
internal sealed record ThrowingTree(Tensor Leaf) : ITree<ThrowingTree>
{
    public static void Flatten(ThrowingTree tree, TreeFlattener into)
    {
        into.Leaf("first", tree.Leaf);
        throw new InvalidOperationException("serialisation failed midway");
    }

    public static ThrowingTree Unflatten(ThrowingTree template, TreeUnflattener from) => new(from.Leaf(template.Leaf));
}

/// <summary>A tree whose leaf names clash: "layer" is a dotted prefix of "layer.bias".</summary>
[Tree]
internal sealed partial record ClashingTree([TreePath("layer")] Tensor A, [TreePath("layer.bias")] Tensor B);
