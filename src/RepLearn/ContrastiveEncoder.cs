using Core = RepLearn.Functional.Models.Contrastive;

namespace RepLearn;

/// <summary>
/// A SimCLR-style contrastive encoder (Chen et al. 2020; Lecture 4): an MLP encoder f and projection head g
/// trained with NT-Xent on two augmented views of each sample. Rows that are square images (give
/// <c>imageSide</c>) are augmented with crops, rotations, elastic distortion, Gaussian noise and pixel masking scaled to
/// the side (<see cref="ImageAugmentation.Strong"/>; or, with <c>augmentation: ImageAugmentation.Light</c>, shifts, small
/// rotations, noise and masking), values kept in [0, 1]; other rows with Gaussian noise of 0.1 times each feature's
/// standard deviation in the batch and masking of 10% of the entries, values unclipped. The defaults (a 2048-wide encoder,
/// a 256 -> 64 head, tau = 0.2, strong views; train with batches of 64) are the measured recipe of
/// docs/lecture-4-contrastive.md.
/// </summary>
/// <example><code>
/// var enc = new ContrastiveEncoder(inputDim: 784, representationDim: 64, seed: 1);
/// enc.Fit(train, new TrainOptions { Epochs = 20, BatchSize = 64 });
/// double[][] h = enc.Encode(test);
/// </code></example>
public sealed partial class ContrastiveEncoder : IRepresentationModel
{
    private readonly ModelEngine<ContrastiveConfig, ContrastiveParams> engine;

    /// <summary>The encoder graph for ONNX export.</summary>
    internal IOnnxSource Onnx => engine;

    /// <summary>Encoding of tensors built from spans (<see cref="RepresentationModelSpans"/>).</summary>
    internal ITensorEncoder TensorEncoder => engine;

    /// <summary>Element type of the parameters and training arithmetic.</summary>
    public DType DType => engine.DType.ToFacade();

    /// <summary>A new contrastive encoder with parameters drawn from <paramref name="seed"/>.</summary>
    /// <param name="inputDim">Data width n; when n is a perfect square the rows are treated as square images.</param>
    /// <param name="representationDim">Width of the representation h = f(x).</param>
    /// <param name="projectionDim">Width of the projection z = g(h) that NT-Xent sees.</param>
    /// <param name="hiddenDims">Encoder hidden widths; default [2048] (on MNIST-10k the first layer's width is what lifts a 20-d code's probe to 95%).</param>
    /// <param name="temperature">tau &gt; 0 in NT-Xent.</param>
    /// <param name="seed">Seeds initialisation, shuffling and the augmentations.</param>
    /// <param name="activation">Nonlinearity between layers.</param>
    /// <param name="imageSide">When the rows are square images of this side (side^2 = inputDim, pixels in [0, 1]), image augmentations are used.</param>
    /// <param name="memoryBudget">Bytes the model and its training may take; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory.</param>
    /// <param name="augmentation">The image pipeline behind the views when <paramref name="imageSide"/> is given: Strong (crops,
    /// rotations, elastic distortion, noise, masking; measured on MNIST-10k and the 8 x 8 digits in docs/lecture-4-contrastive.md)
    /// or Light (shifts, rotations, noise, masking); null: Strong for images, and nothing to choose for other rows.</param>
    /// <param name="projectionHiddenDim">The hidden width of the projection head g.</param>
    /// <param name="dtype">Element type of the parameters and training arithmetic (<see cref="RepLearn.DType"/>); Float64 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A width &lt; 1, a bad temperature or image side, or an undefined enum value.</exception>
    /// <exception cref="ArgumentException">
    /// The model needs more memory to train than the budget (ParamName hiddenDims, representationDim, projectionDim, projectionHiddenDim or inputDim).
    /// </exception>
    public ContrastiveEncoder(int inputDim, int representationDim = 64, int projectionDim = 64, int[]? hiddenDims = null, double temperature = 0.2, long seed = 0,
        Activation activation = Activation.Relu, int? imageSide = null, long? memoryBudget = null,
        ImageAugmentation? augmentation = null, int projectionHiddenDim = 256, DType dtype = DType.Float64)
        : this(Engine(MakeConfig(inputDim, representationDim, projectionDim, hiddenDims, temperature, activation, imageSide, augmentation, projectionHiddenDim),
            seed, Budgets.Resolve(memoryBudget), dtype.ToCore())) { }

    private static ContrastiveConfig MakeConfig(int inputDim, int representationDim, int projectionDim, int[]? hiddenDims, double temperature,
        Activation activation, int? imageSide, ImageAugmentation? augmentation, int projectionHiddenDim)
    {
        Check.Defined(activation, nameof(activation));
        if (augmentation is { } views) Check.Defined(views, nameof(augmentation));
        Check.AtLeast(projectionHiddenDim, 1, nameof(projectionHiddenDim));
        if (imageSide is { } side) Check.ImageSide(side, inputDim, nameof(imageSide));
        Check.AtLeast(inputDim, 1, nameof(inputDim));
        Check.AtLeast(representationDim, 1, nameof(representationDim));
        Check.AtLeast(projectionDim, 1, nameof(projectionDim));
        Check.Temperature(temperature, nameof(temperature));
        Check.Widths(hiddenDims ?? [], nameof(hiddenDims));
        return new ContrastiveConfig(inputDim, [.. hiddenDims ?? [2048]], representationDim, projectionDim, temperature, activation.ToCore(), imageSide,
            augmentation ?? (imageSide is null ? ImageAugmentation.Light : ImageAugmentation.Strong), projectionHiddenDim);
    }

    /// <summary>A fresh model of a validated configuration; refused when over the budget (ParamName hiddenDims, representationDim, projectionDim, projectionHiddenDim or inputDim).</summary>
    internal static ModelEngine<ContrastiveConfig, ContrastiveParams> Engine(ContrastiveConfig c, long seed, MemoryBudget budget,
        Functional.Tensors.DType dtype = Functional.Tensors.DType.Float64)
    {
        Budgets.RequireModel(budget, Core.ParameterCount(c),
            new("hiddenDims", Budgets.Show(c.HiddenDims), Core.ParameterCount(c with { HiddenDims = [.. Budgets.Ones(c.HiddenDims)] })),
            new("representationDim", Show(c.RepresentationDim), Core.ParameterCount(c with { RepresentationDim = 1 })),
            new("projectionDim", Show(c.ProjectionDim), Core.ParameterCount(c with { ProjectionDim = 1 })),
            new("projectionHiddenDim", Show(c.HeadHiddenDim), Core.ParameterCount(c with { ProjectionHiddenDim = 1 })),
            new("inputDim", Show(c.InputDim), Core.ParameterCount(c with { InputDim = 1 })));
        return new(ModelKinds.ContrastiveKind, c, seed, budget, dtype);
    }

    internal ContrastiveEncoder(ModelEngine<ContrastiveConfig, ContrastiveParams> engine) => this.engine = engine;

    private static string Show(int width) => width.ToString(CultureInfo.InvariantCulture);

    /// <summary>The side of the square images the rows are, or null for other data.</summary>
    public int? ImageSide => engine.Config.ImageSide;

    /// <inheritdoc />
    public string Kind => engine.Kind.Name;

    /// <inheritdoc />
    public int InputDim => engine.Config.InputDim;

    /// <inheritdoc />
    public int RepresentationDim => engine.Config.RepresentationDim;

    /// <summary>The NT-Xent temperature.</summary>
    public double Temperature => engine.Config.Temperature;

    /// <inheritdoc />
    public int EpochsCompleted => engine.EpochsCompleted;

    /// <inheritdoc />
    public long Seed => engine.Seed;

    /// <summary>Trains on <paramref name="train"/>.</summary>
    public TrainReport Fit(double[][] train, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(train, null, options, progress, cancellationToken);

    /// <inheritdoc />
    public TrainReport Fit(double[][] train, double[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Check.NotNull(options, nameof(options));
        options.Validate();
        if (options.BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(options.BatchSize), options.BatchSize, "contrastive training needs BatchSize >= 2 (the other samples are the negatives)");
        var x = AtLeastTwoRows(train, nameof(train));
        var t = test is null ? null : AtLeastTwoRows(test, nameof(test));
        return ViewAugmentation is null
            ? engine.Fit(x, t, options, progress, cancellationToken, Snapshot)
            : engine.Fit(x, t, options, progress, cancellationToken, Snapshot, Core.Loss(engine.Config, Augmentation()), TestLoss);
    }

    /// <summary>The representations h = f(x) (not the projections), for probes and downstream tasks.</summary>
    public double[][] Encode(double[][] x) => engine.Encode(x);

    /// <summary>Mean NT-Xent per sample over batches of 256 with augmentations from a fixed evaluation key (<see cref="ViewAugmentation"/> when set).</summary>
    public double Loss(double[][] x)
    {
        var rows = AtLeastTwoRows(x, nameof(x));
        return ViewAugmentation is null ? engine.Loss(rows) : TestLoss(engine.Parameters, rows);
    }

    /// <inheritdoc />
    public void Save(string path, bool overwrite = false) => engine.Save(path, overwrite);

    /// <summary>
    /// Loads a contrastive checkpoint; a corrupt file, or one whose model needs more memory to train than
    /// <paramref name="memoryBudget"/> (null: the default budget), throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static ContrastiveEncoder Load(string path, long? memoryBudget = null) =>
        new(ModelEngine<ContrastiveConfig, ContrastiveParams>.Load(ModelKinds.ContrastiveKind, path, Budgets.Resolve(memoryBudget)));

    private Tensor AtLeastTwoRows(double[][] x, string name)
    {
        var rows = engine.Rows(x, name);
        return rows.Rows >= 2 ? rows
            : throw new ArgumentException($"{name} has {rows.Rows} row; contrastive learning needs at least 2 (the other samples are the negatives)", name);
    }
}
