namespace RepLearn.Functional.Trees;

/// <summary>
/// Operations written once for every <see cref="ITree{TSelf}"/>: flattening, Map, Zip and rebuilding here; gradient
/// arithmetic, norms and checks in Tree.Arithmetic.cs. Counts (step counts) and static data (activations) are not
/// leaves: Map and Zip carry them from the (first) tree unchanged, so the laws hold with no exception.
/// </summary>
public static partial class Tree
{
    /// <summary>
    /// The tree's leaves and counts in flattening order, each with its dotted path: what a serialiser stores
    /// (checkpoints write a count as a 1 x 1 tensor at its path).
    /// </summary>
    [Pure]
    public static IReadOnlyList<TreeEntry> Flatten<T>(T tree) where T : ITree<T> => Entries(tree, withPaths: true);

    /// <summary>The leaves in a fixed order, paired with a stable dotted path (e.g. "encoder.0.weight").</summary>
    [Pure]
    public static IReadOnlyList<(string Path, Tensor Leaf)> Leaves<T>(T tree) where T : ITree<T> =>
        [.. Flatten(tree).Where(e => e.IsLeaf).Select(e => (e.Path, e.Leaf!))];

    /// <summary>The counts (auxiliary data such as optimizer step counts) in a fixed order, with their paths.</summary>
    [Pure]
    public static IReadOnlyList<(string Path, long Count)> Counts<T>(T tree) where T : ITree<T> =>
        [.. Flatten(tree).Where(e => !e.IsLeaf).Select(e => (e.Path, e.Count))];

    /// <summary>The same structure, counts and static data with every leaf replaced by <c>f(leaf)</c> (f called in leaf order).</summary>
    [Pure]
    public static T Map<T>(T tree, Func<Tensor, Tensor> f) where T : ITree<T>
    {
        var entries = Entries(tree, withPaths: false);
        var leaves = new List<Tensor>(entries.Count);
        foreach (var e in entries)
            if (e.IsLeaf) leaves.Add(f(e.Leaf!));
        return Rebuild(tree, leaves, null, checkShapes: false);
    }

    /// <summary>
    /// Leaf-wise combination of two trees of the same structure (the same leaf paths in the same order); counts
    /// and static data are <paramref name="first"/>'s.
    /// </summary>
    /// <exception cref="ArgumentException">The trees' leaf paths differ.</exception>
    [Pure]
    public static T Zip<T>(T first, T second, Func<Tensor, Tensor, Tensor> f) where T : ITree<T>
    {
        var a = Leaves(first);
        var b = Leaves(second);
        if (a.Count != b.Count || !a.Select(l => l.Path).SequenceEqual(b.Select(l => l.Path)))
            throw new ArgumentException($"cannot zip trees of different structure: {a.Count} leaves ({Sketch(a)}) and {b.Count} ({Sketch(b)})");
        var leaves = new List<Tensor>(a.Count);
        for (var i = 0; i < a.Count; i++) leaves.Add(f(a[i].Leaf, b[i].Leaf));
        return Rebuild(first, leaves, null, checkShapes: false);
    }

    /// <summary>
    /// Rebuilds a tree shaped like <paramref name="template"/> from leaves given in <see cref="Leaves{T}"/> order
    /// (the inverse of flattening); counts and static data are the template's. Shapes must match leaf for leaf.
    /// </summary>
    /// <exception cref="ArgumentException">Too few or too many leaves, or a leaf of another shape than the template's.</exception>
    [Pure]
    public static T Unflatten<T>(T template, IReadOnlyList<Tensor> leaves) where T : ITree<T> =>
        Rebuild(template, leaves, null, checkShapes: true);

    /// <summary>
    /// As <see cref="Unflatten{T}(T, IReadOnlyList{Tensor})"/>, with the counts too taken from
    /// <paramref name="counts"/> in <see cref="Counts{T}"/> order: how a serialiser restores step counts.
    /// </summary>
    /// <exception cref="ArgumentException">A wrong number of leaves or counts, or a leaf of another shape than the template's.</exception>
    [Pure]
    public static T Unflatten<T>(T template, IReadOnlyList<Tensor> leaves, IReadOnlyList<long> counts) where T : ITree<T>
    {
        ArgumentNullException.ThrowIfNull(counts);
        return Rebuild(template, leaves, counts, checkShapes: true);
    }

    private static List<TreeEntry> Entries<T>(T tree, bool withPaths) where T : ITree<T>
    {
        ArgumentNullException.ThrowIfNull(tree);
        var into = new TreeFlattener(withPaths);
        T.Flatten(tree, into);
        return into.Entries;
    }

    private static T Rebuild<T>(T template, IReadOnlyList<Tensor> leaves, IReadOnlyList<long>? counts, bool checkShapes) where T : ITree<T>
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(leaves);
        var from = new TreeUnflattener(leaves, counts, checkShapes);
        var tree = T.Unflatten(template, from);
        from.EnsureAllUsed();
        return tree;
    }

    private static string Sketch(IReadOnlyList<(string Path, Tensor Leaf)> leaves) =>
        leaves.Count <= 4 ? string.Join(", ", leaves.Select(l => l.Path)) : $"{leaves[0].Path}, ..., {leaves[^1].Path}";
}
