using Core = RepLearn.Functional.Models.Contrastive;

namespace RepLearn;

public sealed partial class ContrastiveEncoder
{
    /// <summary>
    /// Your own view: (row, seed) -&gt; augmented row of the same width, used in place of the built-in augmentations for
    /// both views in Fit and <see cref="Loss"/>. Each call gets a copy of one row and a seed derived from the model's seed,
    /// the step and the row's place in the batch, so training stays reproducible if the function depends only on its
    /// arguments. Null (the default): the built-in augmentations, unchanged. Not saved in checkpoints: set it again after Load.
    /// </summary>
    /// <example><code>
    /// enc.ViewAugmentation = (row, seed) => { var rng = new Random(unchecked((int)seed)); return [.. row.Select(v => v + 0.05 * (rng.NextDouble() - 0.5))]; };
    /// </code></example>
    public Func<double[], long, double[]>? ViewAugmentation { get; set; }

    /// <summary>
    /// Trains on explicit positive pairs: <paramref name="second"/>[i] is the positive of <paramref name="first"/>[i] (two
    /// views, two modalities, neighbouring frames), the other pairs of the batch the negatives; no augmentation. Pairs are
    /// shuffled together; the epoch loss is the mean NT-Xent per sample.
    /// </summary>
    /// <exception cref="ArgumentException">The two sets differ in shape, or hold fewer than 2 pairs, or bad values.</exception>
    public TrainReport FitPairs(double[][] first, double[][] second, TrainOptions options, IProgress<TrainProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Check.NotNull(options, nameof(options));
        options.Validate();
        if (options.BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(options.BatchSize), options.BatchSize, "contrastive training needs BatchSize >= 2 (the other samples are the negatives)");
        var a = AtLeastTwoRows(first, nameof(first));
        var b = engine.Rows(second, nameof(second));
        if (b.Rows != a.Rows) throw new ArgumentException($"second has {b.Rows} rows, first has {a.Rows}: each row of first needs its positive in the same row of second", nameof(second));
        return engine.Fit(ContrastiveViews.Pairs(a, b), null, options, progress, cancellationToken, Snapshot, ContrastiveViews.PairLoss(engine.Config));
    }

    /// <summary>The views of Fit and Loss: <see cref="ViewAugmentation"/> when set, else the configuration's built-in augmentation.</summary>
    private Func<Key, Tensor, Tensor> Augmentation() => ViewAugmentation is { } custom ? CustomViews(custom) : Core.Augmentation(engine.Config);

    /// <summary>The core's <see cref="Core.MeanLoss"/> (batches of <see cref="Core.EvaluationBatch"/>, views from the evaluation key) with this encoder's views.</summary>
    private double TestLoss(ContrastiveParams p, Tensor x)
    {
        var loss = Core.Loss(engine.Config, Augmentation());
        return Chunked.MeanOfBatchMeans(x, engine.EvalKey, (batch, k) => loss(p, batch, k).Loss.ToScalar(), Core.EvaluationBatch);
    }

    private static Func<Key, Tensor, Tensor> CustomViews(Func<double[], long, double[]> custom) =>
        ContrastiveViews.PerRow((row, key) => custom(row, ContrastiveViews.Seed(key)));
}
