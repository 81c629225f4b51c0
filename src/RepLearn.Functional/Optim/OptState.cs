using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Functional.Optim;

/// <summary>
/// An optimizer's state: immutable, and flattenable to named tensors so that checkpoints can carry
/// it (resuming then continues bit for bit). Step counts are stored as 1 x 1 tensors (exact below 2^53).
/// </summary>
public abstract record OptState
{
    /// <summary>The state's tensors with dotted paths, in a fixed order.</summary>
    public abstract IEnumerable<(string Path, Tensor Leaf)> Leaves();

    /// <summary>The same structure with leaves taken in order from <paramref name="leaves"/> (the inverse of <see cref="Leaves"/>).</summary>
    public abstract OptState WithLeaves(IEnumerator<Tensor> leaves);

    internal static Tensor Count(long count) => Tensor.Scalar(count);

    internal static long ReadCount(IEnumerator<Tensor> leaves)
    {
        var t = Next(leaves);
        var v = t.ToScalar();
        if (v < 0 || v != Math.Floor(v) || v > 9007199254740992d)
            throw new InvalidDataException($"optimizer step count {v} is not a whole number in [0, 2^53]");
        return (long)v;
    }

    internal static Tensor Next(IEnumerator<Tensor> leaves) =>
        leaves.MoveNext() ? leaves.Current : throw new InvalidDataException("optimizer state has fewer tensors than its structure needs");

    internal static T NextTree<T>(T like, IEnumerator<Tensor> leaves) where T : ITree<T> =>
        T.Map(like, l =>
        {
            var t = Next(leaves);
            return t.SameShape(l) ? t : throw new InvalidDataException($"optimizer state tensor is {t.ShapeString}, expected {l.ShapeString}");
        });

    internal static IEnumerable<(string, Tensor)> Prefixed<T>(string prefix, T tree) where T : ITree<T> =>
        T.Leaves(tree).Select(l => ($"{prefix}.{l.Path}".TrimEnd('.'), l.Leaf));
}

/// <summary>No state (a stateless transformation).</summary>
public sealed record EmptyState : OptState
{
    /// <summary>The one instance.</summary>
    public static readonly EmptyState Instance = new();

    /// <inheritdoc />
    public override IEnumerable<(string Path, Tensor Leaf)> Leaves() => [];

    /// <inheritdoc />
    public override OptState WithLeaves(IEnumerator<Tensor> leaves) => this;
}

/// <summary>A step counter (for schedules).</summary>
/// <param name="Steps">Updates applied so far.</param>
public sealed record CountState(long Steps) : OptState
{
    /// <inheritdoc />
    public override IEnumerable<(string Path, Tensor Leaf)> Leaves() => [("count", Count(Steps))];

    /// <inheritdoc />
    public override OptState WithLeaves(IEnumerator<Tensor> leaves) => new CountState(ReadCount(leaves));
}

/// <summary>Adam's state: step count and first and second moment estimates.</summary>
public sealed record AdamState<T>(long Steps, T Mu, T Nu) : OptState where T : ITree<T>
{
    /// <inheritdoc />
    public override IEnumerable<(string Path, Tensor Leaf)> Leaves() =>
        new[] { ("count", Count(Steps)) }.Concat(Prefixed("mu", Mu)).Concat(Prefixed("nu", Nu));

    /// <inheritdoc />
    public override OptState WithLeaves(IEnumerator<Tensor> leaves)
    {
        var steps = ReadCount(leaves);
        var mu = NextTree(Mu, leaves);
        return new AdamState<T>(steps, mu, NextTree(Nu, leaves));
    }
}

/// <summary>Momentum's state: the running trace.</summary>
public sealed record TraceState<T>(T Trace) : OptState where T : ITree<T>
{
    /// <inheritdoc />
    public override IEnumerable<(string Path, Tensor Leaf)> Leaves() => Prefixed("trace", Trace);

    /// <inheritdoc />
    public override OptState WithLeaves(IEnumerator<Tensor> leaves) => new TraceState<T>(NextTree(Trace, leaves));
}

/// <summary>The states of a chain, one per link.</summary>
public sealed record ChainState(System.Collections.Immutable.ImmutableArray<OptState> Links) : OptState
{
    /// <inheritdoc />
    public override IEnumerable<(string Path, Tensor Leaf)> Leaves() =>
        Links.SelectMany((s, i) => s.Leaves().Select(l => ($"{i}.{l.Path}", l.Leaf)));

    /// <inheritdoc />
    public override OptState WithLeaves(IEnumerator<Tensor> leaves) =>
        new ChainState([.. Links.Select(s => s.WithLeaves(leaves))]);
}

/// <summary>State of <see cref="Transforms.SkipIfNotFinite{T}"/>: how many steps were skipped, and the inner state.</summary>
public sealed record SkipState(long Skipped, OptState Inner) : OptState
{
    /// <inheritdoc />
    public override IEnumerable<(string Path, Tensor Leaf)> Leaves() =>
        new[] { ("skipped", Count(Skipped)) }.Concat(Inner.Leaves().Select(l => ($"inner.{l.Path}", l.Leaf)));

    /// <inheritdoc />
    public override OptState WithLeaves(IEnumerator<Tensor> leaves)
    {
        var skipped = ReadCount(leaves);
        return new SkipState(skipped, Inner.WithLeaves(leaves));
    }
}
