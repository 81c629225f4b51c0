using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Tests.Checkpoints;

/// <summary>A two-layer parameter tree with PyTorch-style names, for checkpoint tests.</summary>
internal sealed record TinyMlp(Tensor W0, Tensor B0, Tensor W1, Tensor B1) : ITree<TinyMlp>
{
    public static TinyMlp Map(TinyMlp t, Func<Tensor, Tensor> f) => new(f(t.W0), f(t.B0), f(t.W1), f(t.B1));

    public static TinyMlp Zip(TinyMlp a, TinyMlp b, Func<Tensor, Tensor, Tensor> f) =>
        new(f(a.W0, b.W0), f(a.B0, b.B0), f(a.W1, b.W1), f(a.B1, b.B1));

    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(TinyMlp t) =>
        [("encoder.0.weight", t.W0), ("encoder.0.bias", t.B0), ("decoder.weight", t.W1), ("decoder.bias", t.B1)];

    /// <summary>Deterministic, awkward values (irrational, tiny, huge, signed zero).</summary>
    public static TinyMlp Create(int input, int hidden) => new(
        Tensor.Create(hidden, input, (r, c) => Math.Sin(1 + r * 7 + c) * Math.Pow(10, (r + c) % 7 - 3)),
        Tensor.Create(1, hidden, (_, c) => c == 0 ? -0.0 : 1.0 / (c + 2)),
        Tensor.Create(input, hidden, (r, c) => Math.Cos(r - 3 * c) / 7),
        Tensor.Create(1, input, (_, c) => c * 1e-300));

    public static TinyMlp Zeros(int input, int hidden) => Map(Create(input, hidden), Tensor.ZerosLike);

    public static Dictionary<string, string> Hyper(int input, int hidden) => new() { ["input"] = $"{input}", ["hidden"] = $"{hidden}" };

    public static TinyMlp FromHyper(IReadOnlyDictionary<string, string> h) => Zeros(int.Parse(h["input"]), int.Parse(h["hidden"]));
}

/// <summary>A tree whose leaf enumeration fails after the first leaf, as a buggy serialiser would.</summary>
internal sealed record ThrowingTree(Tensor Leaf) : ITree<ThrowingTree>
{
    public static ThrowingTree Map(ThrowingTree t, Func<Tensor, Tensor> f) => new(f(t.Leaf));

    public static ThrowingTree Zip(ThrowingTree a, ThrowingTree b, Func<Tensor, Tensor, Tensor> f) => new(f(a.Leaf, b.Leaf));

    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(ThrowingTree t)
    {
        yield return ("first", t.Leaf);
        throw new InvalidOperationException("serialisation failed midway");
    }
}

/// <summary>A tree whose leaf names clash: "layer" is a dotted prefix of "layer.bias".</summary>
internal sealed record ClashingTree(Tensor A, Tensor B) : ITree<ClashingTree>
{
    public static ClashingTree Map(ClashingTree t, Func<Tensor, Tensor> f) => new(f(t.A), f(t.B));

    public static ClashingTree Zip(ClashingTree a, ClashingTree b, Func<Tensor, Tensor, Tensor> f) => new(f(a.A, b.A), f(a.B, b.B));

    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(ClashingTree t) => [("layer", t.A), ("layer.bias", t.B)];
}
