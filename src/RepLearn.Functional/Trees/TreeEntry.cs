namespace RepLearn.Functional.Trees;

/// <summary>
/// One item of a flattened tree (<see cref="Tree.Flatten{T}"/>), in field order: a tensor leaf, or a count
/// (a <c>long</c> field, auxiliary data that Map and Zip carry unchanged and that checkpoints store).
/// </summary>
/// <param name="Path">The dotted path, e.g. "encoder.0.weight" or "optimizer.0.count".</param>
/// <param name="Leaf">The leaf, or null for a count.</param>
/// <param name="Count">The count (0 for a leaf).</param>
public readonly record struct TreeEntry(string Path, Tensor? Leaf, long Count)
{
    /// <summary>True for a tensor leaf, false for a count.</summary>
    public bool IsLeaf => Leaf is not null;
}
