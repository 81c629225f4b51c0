namespace RepLearn.Functional.Models;

/// <summary>
/// User-defined views for contrastive training (Lecture 4: the augmentations decide which invariances the representation
/// learns): a per-row augmentation t(x, key), or explicit positive pairs (x, x'), stored side by side as one row [x | x']
/// so that shuffling keeps each pair together.
/// </summary>
/// <example><code>
/// var augment = ContrastiveViews.PerRow((row, key) => Jitter(row, key));     // (key, batch) -> batch, for Contrastive.Loss
/// var pairs = ContrastiveViews.Pairs(first, second);                         // n x 2d
/// var result = Train.Fit(p, opt.Init(p), opt, ContrastiveViews.PairLoss(config), pairs, fitOptions);
/// </code></example>
public static class ContrastiveViews
{
    /// <summary>
    /// A batch augmentation from a row augmentation: row i of the batch becomes augment(x_i, key.FoldIn(i)), so each row
    /// draws its own randomness and the result depends only on the key and the row. The function receives a fresh copy of
    /// the row; it must return a finite row of the same width.
    /// </summary>
    [Pure]
    public static Func<Key, Tensor, Tensor> PerRow(Func<double[], Key, double[]> augment) => (key, batch) =>
    {
        var buffer = Tensor.NewBuffer(batch.Rows, batch.Cols);
        for (var i = 0; i < batch.Rows; i++)
        {
            var row = augment(batch.Row(i).ToArray(), key.FoldIn(i));
            if (row is null || row.Length != batch.Cols)
                throw new InvalidOperationException($"the augmentation returned {(row is null ? "null" : $"a row of {row.Length} values")} for a row of {batch.Cols}; it must keep the width");
            for (var j = 0; j < row.Length; j++)
                if (!double.IsFinite(row[j])) throw new InvalidOperationException($"the augmentation returned a non-finite value ({row[j]}) at column {j}");
            row.CopyTo(buffer, i * batch.Cols);
        }
        return Tensor.Wrap(batch.Rows, batch.Cols, buffer);
    };

    /// <summary>A 64-bit seed from a key (its first word), for augmentations written against a seed rather than a <see cref="Key"/>.</summary>
    [Pure]
    public static long Seed(Key key) => unchecked((long)key.K0);

    /// <summary>Positive pairs as one n x 2d tensor [first | second], row i holding the pair (x_i, x'_i).</summary>
    [Pure]
    public static Tensor Pairs(Tensor first, Tensor second)
    {
        if (!first.SameShape(second))
            throw new ArgumentException($"second is {second.ShapeString}, first is {first.ShapeString}: each row of first needs its positive in the same row of second", nameof(second));
        return Ops.ConcatCols(first.Detach(), second.Detach());
    }

    /// <summary>
    /// NT-Xent on explicit pairs: a batch of [x | x'] rows is split into the two views, whose projections g(f(x)) and
    /// g(f(x')) are each other's positives and the rest of the batch the negatives; the batch mean. No augmentation and no
    /// randomness (the key is unused). A batch of one pair has no negatives: loss 0 with a zero gradient, as in <see cref="Contrastive.Loss(ContrastiveConfig, Func{Key, Tensor, Tensor})"/>.
    /// </summary>
    [Pure]
    public static BatchLoss<ContrastiveParams> PairLoss(ContrastiveConfig config) => (p, batch, _) =>
    {
        var width = batch.Cols / 2;
        var (a, b) = (Ops.SliceCols(batch, 0, width), Ops.SliceCols(batch, width, width));
        if (batch.Rows < 2) return LossOutput.Of(Ops.Scale(Ops.Mean(Contrastive.Project(p, a)), 0));
        return LossOutput.Of(Ops.Mean(Losses.NtXent(Contrastive.Project(p, a), Contrastive.Project(p, b), config.Temperature)));
    };
}
