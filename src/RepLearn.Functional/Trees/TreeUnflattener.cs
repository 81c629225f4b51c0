namespace RepLearn.Functional.Trees;

/// <summary>
/// Hands out leaves (and, for a serialiser, counts) in flattening order while <see cref="ITree{TSelf}.Unflatten"/>
/// rebuilds a tree from its template. Made only by <see cref="Tree"/>; a generated (or hand-written) Unflatten
/// calls one method per field, passing the template's value.
/// </summary>
public sealed class TreeUnflattener
{
    private readonly IReadOnlyList<Tensor> leaves;
    private readonly IReadOnlyList<long>? counts;
    private readonly bool checkShapes;
    private int nextLeaf;
    private int nextCount;

    internal TreeUnflattener(IReadOnlyList<Tensor> leaves, IReadOnlyList<long>? counts, bool checkShapes)
    {
        this.leaves = leaves;
        this.counts = counts;
        this.checkShapes = checkShapes;
    }

    /// <summary>The next leaf, in place of the template's <paramref name="like"/>.</summary>
    public Tensor Leaf(Tensor like)
    {
        if (nextLeaf >= leaves.Count) throw new ArgumentException($"the tree has more than the {leaves.Count} leaves given", "leaves");
        var leaf = leaves[nextLeaf++];
        if (checkShapes && !leaf.SameShape(like))
            throw new ArgumentException($"leaf {nextLeaf - 1} has shape {leaf.ShapeString}, the tree expects {like.ShapeString}", "leaves");
        return leaf;
    }

    /// <summary>The next count when a serialiser supplies counts; otherwise the template's <paramref name="like"/> (counts are auxiliary data).</summary>
    public long Count(long like)
    {
        if (counts is null) return like;
        return nextCount < counts.Count ? counts[nextCount++] : throw new ArgumentException($"the tree has more than the {counts.Count} counts given", "counts");
    }

    /// <summary>A subtree rebuilt from the template's <paramref name="like"/>.</summary>
    public T Subtree<T>(T like) where T : ITree<T> => T.Unflatten(like, this);

    /// <summary>Each child rebuilt from the template's; the count of children is the template's.</summary>
    public ImmutableArray<T> Subtrees<T>(ImmutableArray<T> like) where T : ITree<T>
    {
        if (like.IsDefaultOrEmpty) return like;
        var children = ImmutableArray.CreateBuilder<T>(like.Length);
        foreach (var child in like) children.Add(Subtree(child));
        return children.MoveToImmutable();
    }

    /// <summary>Throws unless every leaf and count given was used.</summary>
    internal void EnsureAllUsed()
    {
        if (nextLeaf != leaves.Count) throw new ArgumentException($"the tree has {nextLeaf} leaves, {leaves.Count} were given", "leaves");
        if (counts is not null && nextCount != counts.Count)
            throw new ArgumentException($"the tree has {nextCount} counts, {counts.Count} were given", "counts");
    }
}
