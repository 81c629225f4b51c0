namespace RepLearn.Functional.Trees;

/// <summary>
/// Collects a tree's leaves and counts in order, building dotted paths from the segments that
/// <see cref="ITree{TSelf}.Flatten"/> names. Made and read only by <see cref="Tree"/>; a generated (or
/// hand-written) Flatten calls one method per field.
/// </summary>
public sealed class TreeFlattener
{
    private readonly List<TreeEntry> entries = [];
    private readonly List<string> prefix = [];
    private readonly bool withPaths;

    // Map needs only the leaves: skipping the path strings keeps a training step's tree arithmetic cheap.
    internal TreeFlattener(bool withPaths) => this.withPaths = withPaths;

    internal List<TreeEntry> Entries => entries;

    /// <summary>A tensor leaf at segment <paramref name="name"/> ("" for the node itself).</summary>
    public void Leaf(string name, Tensor leaf)
    {
        if (leaf is null) throw new ArgumentNullException(nameof(leaf), $"the tree's leaf '{Path(name)}' is null");
        entries.Add(new TreeEntry(Path(name), leaf, 0));
    }

    /// <summary>A count (auxiliary data: kept by Map and Zip, stored by checkpoints) at segment <paramref name="name"/>.</summary>
    public void Count(string name, long count) => entries.Add(new TreeEntry(Path(name), null, count));

    /// <summary>A subtree's leaves and counts under segment <paramref name="name"/> ("" splices them into this node's paths).</summary>
    public void Subtree<T>(string name, T child) where T : ITree<T>
    {
        if (child is null) throw new ArgumentNullException(nameof(child), $"the tree's subtree '{Path(name)}' is null");
        Push(name);
        T.Flatten(child, this);
        Pop(name);
    }

    /// <summary>Child i of <paramref name="children"/> under segment "name.i" (or "i" when the name is "").</summary>
    public void Subtrees<T>(string name, ImmutableArray<T> children) where T : ITree<T>
    {
        if (children.IsDefaultOrEmpty) return;
        Push(name);
        for (var i = 0; i < children.Length; i++) Subtree(withPaths ? i.ToString(CultureInfo.InvariantCulture) : "", children[i]);
        Pop(name);
    }

    private void Push(string name)
    {
        if (withPaths && name.Length > 0) prefix.Add(name);
    }

    private void Pop(string name)
    {
        if (withPaths && name.Length > 0) prefix.RemoveAt(prefix.Count - 1);
    }

    private string Path(string name) =>
        !withPaths ? "" : prefix.Count == 0 ? name : name.Length == 0 ? string.Join('.', prefix) : $"{string.Join('.', prefix)}.{name}";
}
