using System.Diagnostics;

namespace RepLearn;

/// <summary>
/// The state a facade model carries between calls (configuration, parameters, optimizer state, epochs done) over a
/// core <see cref="ModelKind{TConfig, TParams}"/>, which supplies everything model-specific. Keys: initialisation uses
/// Key(seed).FoldIn(0), training FoldIn(1), evaluation FoldIn(2). Fit runs the per-epoch hooks of
/// <see cref="TrainOptions"/> (logging, early stopping, OnEpoch) for every kind (ModelEngine.Hooks.cs).
/// </summary>
internal sealed partial class ModelEngine<TConfig, TParams> where TParams : ITree<TParams> where TConfig : class
{
    public ModelKind<TConfig, TParams> Kind { get; }
    public TConfig Config { get; }
    public long Seed { get; }
    public TParams Parameters { get; private set; }
    public OptState? OptimizerState { get; private set; }
    public int EpochsCompleted { get; private set; }

    /// <summary>The memory budget the model was built or loaded under; Fit checks its batches against it.</summary>
    public MemoryBudget Budget { get; }

    /// <summary>The options of the last Fit (saved with the checkpoint, so a resumed run can reuse them).</summary>
    public TrainOptions? LastOptions { get; private set; }

    /// <summary>The element type of the parameters, optimizer state and training arithmetic.</summary>
    public Functional.Tensors.DType DType { get; }

    /// <summary>
    /// A fresh model; <paramref name="config"/> must be validated and within the budget already. A float32 model's
    /// parameters are the float64 initialisation rounded to nearest, so both dtypes start from the same draw.
    /// </summary>
    public ModelEngine(ModelKind<TConfig, TParams> kind, TConfig config, long seed, MemoryBudget budget, Functional.Tensors.DType dtype = Functional.Tensors.DType.Float64)
        : this(kind, config, seed, budget, Tree.AsType(kind.Init(InitKey(seed), config), dtype), dtype) { }

    private ModelEngine(ModelKind<TConfig, TParams> kind, TConfig config, long seed, MemoryBudget budget, TParams parameters, Functional.Tensors.DType dtype)
    {
        (Kind, Config, Seed, Budget, Parameters, DType) = (kind, config, seed, budget, parameters, dtype);
    }

    /// <summary>The metadata key that names a checkpoint's dtype: "float32" for a float32 model; absent for float64 (as in files before it).</summary>
    public const string DTypeKey = "dtype";

    /// <summary><paramref name="x"/> in the model's dtype (rounded to nearest for float32), so data of any dtype meets the parameters.</summary>
    public Tensor InDType(Tensor x) => x.AsType(DType);

    public static Key InitKey(long seed) => Key.FromSeed(seed).FoldIn(0);
    public Key EvalKey => Key.FromSeed(Seed).FoldIn(2);

    /// <summary>Checked rows of the model's width (in [0, 1] when the kind needs it), as a tensor.</summary>
    public Tensor Rows(double[][]? x, string name) => InDType(Data.Rows(x, name, Kind.InputDim(Config), Kind.UnitInterval(Config)));

    /// <summary>The representation of each row, in chunks.</summary>
    public double[][] Encode(double[][] x) => Chunked.MapRows(Rows(x, nameof(x)), b => Kind.Encode(Parameters, Config, b));

    /// <summary>The kind's objective on the rows, mean per sample, randomness from the evaluation key.</summary>
    public double Loss(Tensor x) => Kind.MeanLoss(Parameters, Config, x, EvalKey);

    /// <summary>Checks the rows and options and trains; the usual Fit of a facade model.</summary>
    public TrainReport Fit(double[][] train, double[][]? test, TrainOptions options, IProgress<TrainProgress>? progress, CancellationToken cancellation,
        Func<ModelEngine<TConfig, TParams>, IRepresentationModel>? snapshot = null)
    {
        Functional.Validation.Check.NotNull(options, nameof(options));
        options.Validate();
        var x = Rows(train, nameof(train));
        var t = test is null ? null : Rows(test, nameof(test));
        return Fit(x, t, options, progress, cancellation, snapshot);
    }

    /// <summary>
    /// Trains <c>options.Epochs</c> more epochs. The test loss (mean per sample) is computed after each
    /// epoch when <paramref name="test"/> is given; epoch seconds exclude it. <paramref name="loss"/> and
    /// <paramref name="testLoss"/> replace the kind's objective (a contrastive encoder's own views or explicit pairs);
    /// <paramref name="snapshot"/> wraps a read-only copy of the engine as the facade model that
    /// <see cref="TrainOptions.OnEpoch"/> and the best checkpoint see (null: a <see cref="RegisteredModel{TConfig, TParams}"/>).
    /// </summary>
    public TrainReport Fit(Tensor train, Tensor? test, TrainOptions options, IProgress<TrainProgress>? progress, CancellationToken cancellation,
        Func<ModelEngine<TConfig, TParams>, IRepresentationModel>? snapshot = null, BatchLoss<TParams>? loss = null, Func<TParams, Tensor, double>? testLoss = null)
    {
        options.Validate();
        RequireTrainable(options, test is not null);
        Budgets.RequireBatch(Budget, options, train.Rows, Kind.ParameterCount(Config), batch => Kind.ActivationBytes(Config, batch));
        var recipe = options.Recipe;
        var optimizer = recipe.Build<TParams>();
        if (OptimizerState is not null && LastOptions is { } last && last.Optimizer != options.Optimizer)
            throw new ArgumentException($"options.Optimizer = {options.Optimizer} but the model's optimizer state is {last.Optimizer}'s; a model keeps its optimizer", nameof(options));
        LastOptions = options;
        var state = OptimizerState ?? optimizer.Init(Parameters);
        var fitOptions = new FitOptions(EpochsCompleted + options.Epochs, options.BatchSize, Key.FromSeed(Seed).FoldIn(1), options.SkipNonFinite, EpochsCompleted);
        var (first, seconds) = (EpochsCompleted, new List<double>());
        var clock = Stopwatch.StartNew();
        var relay = progress is null ? null : new Progress(p => progress.Report(new TrainProgress(
            p.Epoch, p.Epochs, p.Step, p.StepsPerEpoch, p.SamplesSeen - (long)(p.Epoch - 1) * train.Rows, p.Loss,
            p.CompletedEpoch is null ? null : ToReport(p.CompletedEpoch, first, seconds))));
        var hooks = new EpochHooks(this, options, snapshot ?? (e => new RegisteredModel<TConfig, TParams>(e)), m => ToReport(m, first, seconds),
            () => clock.Restart()); // hook time is not the next epoch's
        var result = Train.Fit(Parameters, state, optimizer, loss ?? Kind.Loss(Config), train, fitOptions, p =>
        {
            // Epoch time is the training steps only: read before the test evaluation, kept beside the metrics (not in them).
            seconds.Add(clock.Elapsed.TotalSeconds);
            var figures = test is null ? ImmutableSortedDictionary<string, double>.Empty
                : ImmutableSortedDictionary<string, double>.Empty.Add(TestLossKey, testLoss is null ? Kind.MeanLoss(p, Config, test, EvalKey) : testLoss(p, test));
            clock.Restart();
            return figures;
        }, relay, cancellation, hooks.Hook);
        // A run stopped early keeps the state of its last completed epoch, so that saving and resuming it
        // continues exactly as an uninterrupted run would; the report says where and why it stopped.
        Parameters = result.EpochParameters;
        OptimizerState = result.EpochOptimizerState;
        EpochsCompleted = result.EpochsCompleted;
        return hooks.Finish(result, [.. result.History.Select(m => ToReport(m, first, seconds))]);
    }

    private const string TestLossKey = "test_loss";

    /// <summary>An epoch's report; <paramref name="seconds"/>[i] is the training time of this Fit's i-th epoch, after <paramref name="first"/>.</summary>
    private static EpochReport ToReport(EpochMetrics m, int first, List<double> seconds)
    {
        var i = m.Epoch - 1 - first;
        return new(m.Epoch, m.TrainLoss, m.Metrics.TryGetValue(TestLossKey, out var t) ? t : null,
            i >= 0 && i < seconds.Count ? seconds[i] : 0, m.Metrics.Remove(TestLossKey));
    }

    /// <summary>Writes parameters, optimizer state, configuration and recipe atomically (safetensors).</summary>
    public void Save(string path, bool overwrite)
    {
        var recipe = LastOptions?.Recipe ?? new OptimizerRecipe();
        var state = OptimizerState ?? recipe.Build<TParams>().Init(Parameters);
        var meta = new Dictionary<string, string>(Kind.ToMetadata(Config))
        {
            ["seed"] = CheckpointMetadata.Format(Seed),
            ["epochs_completed"] = CheckpointMetadata.Format(EpochsCompleted),
            ["has_optimizer_state"] = OptimizerState is null ? "false" : "true",
        };
        // Only a float32 model says so: a float64 checkpoint stays byte for byte what it was before dtypes existed.
        if (DType != Functional.Tensors.DType.Float64) meta[DTypeKey] = DType.Name();
        if (LastOptions is { } o)
        {
            meta["batch_size"] = CheckpointMetadata.Format(o.BatchSize);
            foreach (var (k, v) in o.Recipe.ToMetadata()) meta[k] = v;
        }
        Checkpoint.Save(path, Kind.Name, new TrainingState<TParams>(Parameters, state), meta, overwrite);
    }

    /// <summary>
    /// Reads a checkpoint of this kind: the configuration from its metadata (validated), whose parameter count is
    /// checked against the file's data length and whose training footprint against <paramref name="budget"/> before
    /// anything is built, so a small file cannot make the loader allocate a large model.
    /// </summary>
    public static ModelEngine<TConfig, TParams> Load(ModelKind<TConfig, TParams> kind, string path, MemoryBudget budget)
    {
        long dataLength;
        using (var stream = File.OpenRead(path)) dataLength = Safetensors.ReadHeader(stream, stream.Length, path).DataLength;
        CheckpointMetadata? hyper = null;
        TConfig? config = null;
        var loaded = Checkpoint.Load(path, kind.Name, meta =>
        {
            hyper = new CheckpointMetadata(meta, path);
            config = Checked(path, () => kind.Validate(kind.FromMetadata(hyper)));
            var count = kind.ParameterCount(config);
            // Parameters, then Adam's two moments: at least 3 values per parameter, each at least 4 bytes (F32).
            if (count > dataLength / 12)
                throw new InvalidDataException($"{path}: the metadata describes a model of {count} parameters, more than the file's {dataLength} bytes of data can hold");
            if (budget.Refusal(MemoryFootprint.TrainingBytes(count), $"the metadata describes a model of {MemoryBudget.ShowCount(count)} parameters", "to train") is { } refusal)
                throw new InvalidDataException($"{path}: {refusal}");
            var shape = kind.Init(InitKey(0), config);
            var optimizer = new OptimizerRecipe(Optimizer: OptimizerRecipe.KindIn(hyper)).Build<TParams>();
            return new TrainingState<TParams>(shape, optimizer.Init(shape));
        });
        var h = hyper!;
        var epochs = h.Int("epochs_completed");
        if (epochs < 0) throw new InvalidDataException($"{path}: metadata 'epochs_completed' = {epochs} is negative");
        var hasOptimizerState = h.Bool("has_optimizer_state");
        var dtype = !h.Has(DTypeKey) ? Functional.Tensors.DType.Float64
            : DTypes.Parse(h.String(DTypeKey)) ?? throw h.Invalid(DTypeKey, "is not a dtype (float64 or float32)");
        // The leaves come back in their stored dtype (F32 as float32); the conversion only matters for a hand-made file whose tensors disagree with its metadata.
        var engine = new ModelEngine<TConfig, TParams>(kind, config!, h.Long("seed"), budget, Tree.AsType(loaded.Parameters.Parameters, dtype), dtype)
        {
            EpochsCompleted = epochs,
            LastOptions = TrainOptions.Saved(h),
        };
        if (hasOptimizerState) engine.OptimizerState = Tree.AsType(loaded.Parameters.Optimizer, dtype);
        return engine;
    }

    /// <summary>Runs <paramref name="f"/>, turning a range error in the stored hyperparameters into <see cref="InvalidDataException"/>.</summary>
    private static TResult Checked<TResult>(string path, Func<TResult> f)
    {
        try { return f(); }
        catch (ArgumentException e) { throw new InvalidDataException($"{path}: metadata holds an invalid hyperparameter: {e.Message}", e); }
    }

    private sealed class Progress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}
