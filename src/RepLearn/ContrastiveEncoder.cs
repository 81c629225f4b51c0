using System.Globalization;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Resources;
using RepLearn.Functional.Tensors;
using Core = RepLearn.Functional.Models.Contrastive;

namespace RepLearn;

/// <summary>
/// A SimCLR-style contrastive encoder (Chen et al. 2020; Lecture 4): an MLP encoder f and projection head g
/// trained with NT-Xent on two augmented views of each sample. Rows that are square images (give
/// <c>imageSide</c>) are augmented with random shifts, small rotations, Gaussian noise and pixel masking, values
/// kept in [0, 1]; other rows with Gaussian noise of 0.1 times each feature's standard deviation in the batch
/// and masking of 10% of the entries, values unclipped.
/// </summary>
/// <example><code>
/// var enc = new ContrastiveEncoder(inputDim: 784, representationDim: 64, seed: 1);
/// enc.Fit(train, new TrainOptions { Epochs = 10, BatchSize = 256 });
/// double[][] h = enc.Encode(test);
/// </code></example>
public sealed partial class ContrastiveEncoder : IRepresentationModel
{
    internal const string KindName = "contrastive";
    private readonly ModelEngine<ContrastiveParams> engine;
    private readonly ContrastiveConfig config;
    private readonly int? imageSide;
    private readonly MemoryBudget budget;

    /// <summary>A new contrastive encoder with parameters drawn from <paramref name="seed"/>.</summary>
    /// <param name="inputDim">Data width n; when n is a perfect square the rows are treated as square images.</param>
    /// <param name="representationDim">Width of the representation h = f(x).</param>
    /// <param name="projectionDim">Width of the projection z = g(h) that NT-Xent sees.</param>
    /// <param name="hiddenDims">Encoder hidden widths; default [256].</param>
    /// <param name="temperature">tau &gt; 0 in NT-Xent.</param>
    /// <param name="seed">Seeds initialisation, shuffling and the augmentations.</param>
    /// <param name="activation">Nonlinearity between layers.</param>
    /// <param name="imageSide">When the rows are square images of this side (side^2 = inputDim, pixels in [0, 1]), image augmentations are used.</param>
    /// <param name="memoryBudget">Bytes the model and its training may take; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory.</param>
    /// <exception cref="ArgumentOutOfRangeException">A width &lt; 1, a bad temperature or image side, or an undefined enum value.</exception>
    /// <exception cref="ArgumentException">
    /// The model needs more memory to train than the budget (ParamName hiddenDims, representationDim, projectionDim or inputDim).
    /// </exception>
    public ContrastiveEncoder(int inputDim, int representationDim = 64, int projectionDim = 32, int[]? hiddenDims = null, double temperature = 0.1, long seed = 0,
        Activation activation = Activation.Relu, int? imageSide = null, long? memoryBudget = null)
    {
        Validate.Defined(activation, nameof(activation));
        if (imageSide is { } side && (side < 2 || (long)side * side != inputDim))
            throw new ArgumentOutOfRangeException(nameof(imageSide), side, $"imageSide^2 must equal inputDim = {inputDim}, got imageSide = {side}");
        if (inputDim < 1) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, $"inputDim must be >= 1, got {inputDim}");
        if (representationDim < 1) throw new ArgumentOutOfRangeException(nameof(representationDim), representationDim, $"representationDim must be >= 1, got {representationDim}");
        if (projectionDim < 1) throw new ArgumentOutOfRangeException(nameof(projectionDim), projectionDim, $"projectionDim must be >= 1, got {projectionDim}");
        Validate.Temperature(temperature);
        foreach (var h in hiddenDims ?? [])
            if (h < 1) throw new ArgumentOutOfRangeException(nameof(hiddenDims), h, $"every hidden width must be >= 1, got {h}");
        config = new ContrastiveConfig(inputDim, [.. hiddenDims ?? [256]], representationDim, projectionDim, temperature, activation.ToCore());
        budget = Budgets.Resolve(memoryBudget);
        var c = config;
        Budgets.RequireModel(budget, Core.ParameterCount(c),
            new("hiddenDims", Budgets.Show(c.HiddenDims), Core.ParameterCount(c with { HiddenDims = [.. Budgets.Ones(c.HiddenDims)] })),
            new("representationDim", Show(c.RepresentationDim), Core.ParameterCount(c with { RepresentationDim = 1 })),
            new("projectionDim", Show(c.ProjectionDim), Core.ParameterCount(c with { ProjectionDim = 1 })),
            new("inputDim", Show(c.InputDim), Core.ParameterCount(c with { InputDim = 1 })));
        this.imageSide = imageSide;
        engine = new ModelEngine<ContrastiveParams>(KindName, seed, Core.Init(ModelEngine<ContrastiveParams>.InitKey(seed), config));
    }

    private ContrastiveEncoder(ContrastiveConfig config, ModelEngine<ContrastiveParams> engine, int? imageSide, MemoryBudget budget)
    {
        this.config = config;
        this.engine = engine;
        this.imageSide = imageSide;
        this.budget = budget;
    }

    private static string Show(int width) => width.ToString(CultureInfo.InvariantCulture);

    /// <summary>The side of the square images the rows are, or null for other data.</summary>
    public int? ImageSide => imageSide;

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public int InputDim => config.InputDim;

    /// <inheritdoc />
    public int RepresentationDim => config.RepresentationDim;

    /// <summary>The NT-Xent temperature.</summary>
    public double Temperature => config.Temperature;

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
        Validate.NotNull(options, nameof(options));
        options.Validate();
        if (options.BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(options.BatchSize), options.BatchSize, "contrastive training needs BatchSize >= 2 (the other samples are the negatives)");
        var x = AtLeastTwoRows(train, nameof(train));
        var t = test is null ? null : AtLeastTwoRows(test, nameof(test));
        Budgets.RequireBatch(budget, options, x.Rows, Core.ParameterCount(config), batch => Core.ActivationBytes(config, batch));
        return engine.Fit(x, t, options, Core.Loss(config, Augmentation()), TestLoss, progress, cancellationToken, Snapshot);
    }

    /// <summary>The representations h = f(x) (not the projections), for probes and downstream tasks.</summary>
    public double[][] Encode(double[][] x) => ModelEngine<ContrastiveParams>.MapRows(Rows(x, nameof(x)), b => Core.Encode(engine.Parameters, b));

    /// <summary>Mean NT-Xent per sample over batches of 256 with augmentations from a fixed evaluation key.</summary>
    public double Loss(double[][] x) => TestLoss(engine.Parameters, AtLeastTwoRows(x, nameof(x)));

    /// <inheritdoc />
    public void Save(string path, bool overwrite = false) => engine.Save(path, new Dictionary<string, string>
    {
        ["input_dim"] = config.InputDim.ToString(CultureInfo.InvariantCulture),
        ["hidden_dims"] = Hyperparameters.Format(config.HiddenDims),
        ["representation_dim"] = config.RepresentationDim.ToString(CultureInfo.InvariantCulture),
        ["projection_dim"] = config.ProjectionDim.ToString(CultureInfo.InvariantCulture),
        ["temperature"] = Hyperparameters.Format(config.Temperature),
        ["activation"] = Hyperparameters.Format(config.Activation),
        ["image_side"] = (imageSide ?? 0).ToString(CultureInfo.InvariantCulture),
    }, overwrite);

    /// <summary>
    /// Loads a contrastive checkpoint; a corrupt file, or one whose model needs more memory to train than
    /// <paramref name="memoryBudget"/> (null: the default budget), throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static ContrastiveEncoder Load(string path, long? memoryBudget = null)
    {
        ContrastiveConfig? loaded = null;
        int? side = null;
        var budget = Budgets.Resolve(memoryBudget);
        var (engine, _) = ModelEngine<ContrastiveParams>.Load(path, KindName, budget, h =>
        {
            loaded = new ContrastiveConfig(h.Int("input_dim"), h.Ints("hidden_dims"), h.Int("representation_dim"), h.Int("projection_dim"),
                h.Double("temperature"), h.Enum<Functional.Nn.Activation>("activation")).Validated();
            var s = h.Int("image_side");
            if (s != 0 && (long)s * s != loaded.InputDim) throw new ArgumentOutOfRangeException("image_side", s, $"image_side^2 must equal input_dim = {loaded.InputDim}");
            side = s == 0 ? null : s;
            return (Core.ParameterCount(loaded), () => Core.Init(ModelEngine<ContrastiveParams>.InitKey(0), loaded));
        });
        return new ContrastiveEncoder(loaded!, engine, side, budget);
    }

    private Func<Key, Tensor, Tensor> Augmentation() => ViewAugmentation is { } custom ? CustomViews(custom)
        : imageSide is { } side
        ? Augment.Default(side)
        : Augment.Compose(FeatureNoise, (k, x) => Functional.Objectives.Losses.MaskingCorruption(x, 0.1, k));

    /// <summary>x + 0.1 sd_j eps for tabular rows: noise on each feature's own scale, unclipped.</summary>
    private static Tensor FeatureNoise(Key key, Tensor x)
    {
        var sd = Functional.Autodiff.Ops.Sqrt(Functional.Autodiff.Ops.Mean(Functional.Autodiff.Ops.Square(
            Functional.Autodiff.Ops.Sub(x, Functional.Autodiff.Ops.Mean(x, 0))), 0));
        return Functional.Autodiff.Ops.Add(x, Functional.Autodiff.Ops.Mul(Sample.Normal(key, x.Rows, x.Cols), Functional.Autodiff.Ops.Scale(sd, 0.1)));
    }

    private Tensor AtLeastTwoRows(double[][] x, string name)
    {
        var rows = Rows(x, name);
        return rows.Rows >= 2 ? rows
            : throw new ArgumentException($"{name} has {rows.Rows} row; contrastive learning needs at least 2 (the other samples are the negatives)", name);
    }

    private double TestLoss(ContrastiveParams p, Tensor x)
    {
        var loss = Core.Loss(config, Augmentation());
        double sum = 0;
        for (var start = 0; start < x.Rows; start += 256)
        {
            var count = Math.Min(256, x.Rows - start);
            if (count < 2) break;
            sum += loss(p, x.SliceRows(start, count), engine.EvalKey.FoldIn(start)).Loss.ToScalar() * count;
        }
        return sum / Math.Max(1, x.Rows - (x.Rows % 256 == 1 ? 1 : 0));
    }

    private Tensor Rows(double[][] x, string name) => Data.Rows(x, name, config.InputDim, unitInterval: imageSide is not null);
}
