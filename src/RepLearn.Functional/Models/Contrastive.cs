namespace RepLearn.Functional.Models;

/// <summary>A contrastive encoder's shape and objective.</summary>
/// <param name="InputDim">n.</param>
/// <param name="HiddenDims">Encoder hidden widths.</param>
/// <param name="RepresentationDim">Width of the representation h used downstream.</param>
/// <param name="ProjectionDim">Width of the projection z the loss sees.</param>
/// <param name="Temperature">tau &gt; 0 in NT-Xent.</param>
/// <param name="Activation">Between layers.</param>
/// <param name="ImageSide">The side of the square images the rows are (side^2 = InputDim, pixels in [0, 1]), or null for other rows; chooses the augmentation.</param>
/// <param name="Augmentation">Which image pipeline makes the views; other rows always use <see cref="Augment.Tabular"/>, so anything but Light needs <paramref name="ImageSide"/>.</param>
/// <param name="ProjectionHiddenDim">The hidden width of the projection head g; null: <paramref name="RepresentationDim"/>.</param>
public sealed record ContrastiveConfig(int InputDim, ImmutableArray<int> HiddenDims, int RepresentationDim, int ProjectionDim,
    double Temperature = 0.1, Activation Activation = Activation.Relu, int? ImageSide = null,
    ImageAugmentation Augmentation = ImageAugmentation.Light, int? ProjectionHiddenDim = null)
{
    /// <summary>The projection head's hidden width: <see cref="ProjectionHiddenDim"/>, else the representation width.</summary>
    public int HeadHiddenDim => ProjectionHiddenDim ?? RepresentationDim;

    /// <summary>This configuration, after checking every field's range (ArgumentOutOfRangeException naming the field).</summary>
    public ContrastiveConfig Validated()
    {
        Check.AtLeast(InputDim, 1, nameof(InputDim));
        Check.Widths(HiddenDims, nameof(HiddenDims));
        Check.AtLeast(RepresentationDim, 1, nameof(RepresentationDim));
        Check.AtLeast(ProjectionDim, 1, nameof(ProjectionDim));
        if (ProjectionHiddenDim is { } head) Check.AtLeast(head, 1, nameof(ProjectionHiddenDim));
        Check.Defined(Augmentation, nameof(Augmentation));
        if (Augmentation != ImageAugmentation.Light && ImageSide is null)
            throw new ArgumentOutOfRangeException(nameof(Augmentation), Augmentation,
                $"the {Augmentation} image views need square images (ImageSide); other rows always get the tabular views");
        Check.Temperature(Temperature, nameof(Temperature));
        if (ImageSide is { } side) Check.ImageSide(side, InputDim, nameof(ImageSide), nameof(InputDim));
        return this;
    }
}

/// <summary>
/// SimCLR (Chen et al. 2020; Lecture 4): two augmented views of each sample, encoder f and projection head g,
/// NT-Xent on z = g(f(x)) with the other view as positive and the rest of the batch as negatives.
/// Downstream tasks use the representation h = f(x), not z.
/// </summary>
public static class Contrastive
{
    /// <summary>Fresh parameters: encoder from key.FoldIn(0), projection head (one hidden layer) from key.FoldIn(1).</summary>
    public static ContrastiveParams Init(Key key, ContrastiveConfig config)
    {
        config = config.Validated();
        var encoder = Mlp.Init(key.FoldIn(0), [config.InputDim, .. config.HiddenDims, config.RepresentationDim], config.Activation);
        var projection = Mlp.Init(key.FoldIn(1), [config.RepresentationDim, config.HeadHiddenDim, config.ProjectionDim], config.Activation);
        return new ContrastiveParams(encoder, projection);
    }

    /// <summary>
    /// The number of parameters <see cref="Init"/> creates, computed without allocating; saturates at
    /// long.MaxValue instead of overflowing (widths of 2^31 - 1 give a count every memory budget refuses).
    /// </summary>
    public static long ParameterCount(ContrastiveConfig config) => MemoryFootprint.Sum(
        MemoryFootprint.DenseParameters([config.InputDim, .. config.HiddenDims, config.RepresentationDim]),
        MemoryFootprint.DenseParameters([config.RepresentationDim, config.HeadHiddenDim, config.ProjectionDim]));

    /// <summary>
    /// 96 = 12 x 8 bytes per entry of NT-Xent's 2B x 2B similarity matrix: the product, clamp, scaling, mask,
    /// masked logits and log-sum-exp intermediates, and a gradient of each.
    /// </summary>
    public const int BytesPerSimilarity = 12 * MemoryFootprint.BytesPerDouble;

    /// <summary>
    /// The activation bytes of one training step on <paramref name="batchSize"/> rows: two augmented views, each
    /// through the encoder and projection head (<see cref="MemoryFootprint.ActivationBytes"/> of 2B rows), plus
    /// NT-Xent's (2B)^2 similarities at <see cref="BytesPerSimilarity"/> each. Saturating.
    /// </summary>
    public static long ActivationBytes(ContrastiveConfig config, long batchSize)
    {
        var views = MemoryFootprint.Product(2, batchSize);
        return MemoryFootprint.Sum(
            MemoryFootprint.ActivationBytes(views, [config.InputDim, config.InputDim, .. config.HiddenDims,
                config.RepresentationDim, config.HeadHiddenDim, config.ProjectionDim]),
            MemoryFootprint.Product(views, views, BytesPerSimilarity));
    }

    /// <summary>The representation h = f(x).</summary>
    public static Tensor Encode(ContrastiveParams p, Tensor x) => Mlp.Apply(p.Encoder, x);

    /// <summary>The projection z = g(f(x)).</summary>
    public static Tensor Project(ContrastiveParams p, Tensor x) => Mlp.Apply(p.Projection, Encode(p, x));

    /// <summary>
    /// The augmentation behind the two views: for square images <see cref="Augment.Default"/> (shifts, small rotations,
    /// noise, pixel masking) or <see cref="Augment.Strong"/> (crops, rotations, elastic distortion, noise, masking), values
    /// kept in [0, 1]; else <see cref="Augment.Tabular"/> (feature noise, masking; unclipped).
    /// </summary>
    public static Func<Key, Tensor, Tensor> Augmentation(ContrastiveConfig config) => config.ImageSide switch
    {
        { } side when config.Augmentation == ImageAugmentation.Strong => Augment.Strong(side),
        { } side => Augment.Default(side),
        null => Augment.Tabular(),
    };

    /// <summary>The training objective with the configuration's own <see cref="Augmentation"/>.</summary>
    public static BatchLoss<ContrastiveParams> Loss(ContrastiveConfig config) => Loss(config, Augmentation(config));

    /// <summary>Rows per batch when the loss is evaluated on a data set.</summary>
    public const int EvaluationBatch = 256;

    /// <summary>
    /// The loss on a data set: mean NT-Xent per sample over batches of <see cref="EvaluationBatch"/> rows, batch b's
    /// views drawn from key.FoldIn(b's first row); a last batch of one row (no negatives) is left out.
    /// </summary>
    public static double MeanLoss(ContrastiveParams p, ContrastiveConfig config, Tensor x, Key key)
    {
        var loss = Loss(config);
        return Chunked.MeanOfBatchMeans(x, key, (batch, k) => loss(p, batch, k).Loss.ToScalar(), EvaluationBatch);
    }

    /// <summary>
    /// The training objective: views a = augment(k1, x), b = augment(k2, x) with (k1, k2) split from the step key;
    /// the batch mean of NT-Xent on their projections. A batch of one row (an epoch's last, when the data size leaves
    /// one over) has no negatives: its loss is 0 with a zero gradient, so the step leaves the parameters as they are.
    /// </summary>
    public static BatchLoss<ContrastiveParams> Loss(ContrastiveConfig config, Func<Key, Tensor, Tensor> augment) => (p, batch, key) =>
    {
        if (batch.Rows < 2) return LossOutput.Of(Ops.Scale(Ops.Mean(Project(p, batch)), 0));
        var (k1, k2) = key.Split();
        var loss = Losses.NtXent(Project(p, View(augment, k1, batch)), Project(p, View(augment, k2, batch)), config.Temperature);
        return LossOutput.Of(Ops.Mean(loss));
    };

    /// <summary>
    /// A view of the batch: augmentations are data transforms written in float64 (as torchvision's run before the
    /// model), so a float32 batch is widened for them and the view rounded back to the batch's dtype.
    /// </summary>
    private static Tensor View(Func<Key, Tensor, Tensor> augment, Key key, Tensor batch) =>
        augment(key, batch.AsType(DType.Float64)).AsType(batch.DType);
}
