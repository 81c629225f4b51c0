namespace RepLearn.Functional.Data;

/// <summary>
/// A labelled data set: <see cref="Images"/> is n x d (one example per row) and
/// <see cref="Labels"/>[i] is the class of row i. The labels are immutable, so a split can be shared freely.
/// </summary>
/// <param name="Images">n x d examples, one per row.</param>
/// <param name="Labels">n class indices.</param>
public sealed record LabeledSplit(Tensor Images, ImmutableArray<int> Labels)
{
    /// <summary>The number of examples, n.</summary>
    public int Count => Labels.Length;
}
