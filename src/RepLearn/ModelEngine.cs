using System.Collections.Immutable;
using System.Diagnostics;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Resources;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using RepLearn.Functional.Trees;

namespace RepLearn;

/// <summary>
/// The state a facade model carries between calls (parameters, optimizer state, epochs done) and the
/// work every model shares: fitting with timing and test loss, saving and loading with the optimizer
/// state. Keys: initialisation uses Key(seed).FoldIn(0), training FoldIn(1), evaluation FoldIn(2).
/// </summary>
internal sealed partial class ModelEngine<T>(string kind, long seed, T parameters) where T : ITree<T>
{
    public string Kind { get; } = kind;
    public long Seed { get; } = seed;
    public T Parameters { get; private set; } = parameters;
    public OptState? OptimizerState { get; private set; }
    public int EpochsCompleted { get; private set; }

    /// <summary>The options of the last Fit (saved with the checkpoint, so a resumed run can reuse them).</summary>
    public TrainOptions? LastOptions { get; private set; }

    public static Key InitKey(long seed) => Key.FromSeed(seed).FoldIn(0);
    public Key EvalKey => Key.FromSeed(Seed).FoldIn(2);

    /// <summary>
    /// Chain(clip or identity, Adam, weight decay, learning rate): always four links, so the optimizer
    /// state has the same shape whatever the options, and a checkpoint loads and resumes under any of them.
    /// </summary>
    public static GradientTransformation<T> Optimizer(TrainOptions o) => Transforms.Chain(
        o.ClipNorm is { } clip ? Transforms.ClipByGlobalNorm<T>(clip) : Transforms.Identity<T>(),
        Transforms.ScaleByAdam<T>(),
        Transforms.AddDecayedWeights<T>(o.WeightDecay),
        Transforms.ScaleByLearningRate<T>(Schedules.Constant(o.LearningRate)));

    /// <summary>
    /// Trains <c>options.Epochs</c> more epochs. The test loss (mean per sample) is computed after each
    /// epoch when <paramref name="test"/> is given; epoch seconds exclude it.
    /// </summary>
    public TrainReport Fit(Tensor train, Tensor? test, TrainOptions options, BatchLoss<T> loss, Func<T, Tensor, double> testLoss,
        IProgress<TrainProgress>? progress, CancellationToken cancellation, Func<ModelEngine<T>, IRepresentationModel>? snapshot = null)
    {
        options.Validate();
        RequireTrainable(options, test is not null);
        LastOptions = options;
        var optimizer = Optimizer(options);
        var state = OptimizerState ?? optimizer.Init(Parameters);
        var clock = Stopwatch.StartNew();
        var fitOptions = new FitOptions(EpochsCompleted + options.Epochs, options.BatchSize, Key.FromSeed(Seed).FoldIn(1), options.SkipNonFinite, EpochsCompleted);
        var relay = progress is null ? null : new Progress(p => progress.Report(new TrainProgress(
            p.Epoch, p.Epochs, p.Step, p.StepsPerEpoch, p.SamplesSeen - (long)(p.Epoch - 1) * train.Rows, p.Loss,
            p.CompletedEpoch is null ? null : ToReport(p.CompletedEpoch))));
        var hooks = new EpochHooks(this, options, snapshot, () => clock.Restart()); // hook time is not the next epoch's
        var result = Train.Fit(Parameters, state, optimizer, loss, train, fitOptions, p =>
        {
            // Epoch time is the training steps only; the test evaluation that follows is not counted.
            var figures = ImmutableSortedDictionary<string, double>.Empty.Add(SecondsKey, clock.Elapsed.TotalSeconds);
            if (test is not null) figures = figures.Add(TestLossKey, testLoss(p, test));
            clock.Restart();
            return figures;
        }, relay, cancellation, hooks.Hook);
        // A run stopped early keeps the state of its last completed epoch, so that saving and resuming it
        // continues exactly as an uninterrupted run would; the report says where and why it stopped.
        Parameters = result.EpochParameters;
        OptimizerState = result.EpochOptimizerState;
        EpochsCompleted = result.EpochsCompleted;
        return hooks.Finish(result, [.. result.History.Select(ToReport)]);
    }

    private const string SecondsKey = "seconds";
    private const string TestLossKey = "test_loss";

    private static EpochReport ToReport(EpochMetrics m) => new(m.Epoch, m.TrainLoss,
        m.Metrics.TryGetValue(TestLossKey, out var t) ? t : null, m.Metrics.GetValueOrDefault(SecondsKey),
        m.Metrics.Remove(SecondsKey).Remove(TestLossKey));

    /// <summary>Writes parameters, optimizer state and hyperparameters atomically (safetensors).</summary>
    public void Save(string path, IReadOnlyDictionary<string, string> hyperparameters, bool overwrite)
    {
        var state = OptimizerState ?? Optimizer(new TrainOptions()).Init(Parameters);
        var meta = new Dictionary<string, string>(hyperparameters)
        {
            ["seed"] = Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["epochs_completed"] = EpochsCompleted.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["has_optimizer_state"] = OptimizerState is null ? "false" : "true",
        };
        if (LastOptions is { } o)
        {
            meta["batch_size"] = o.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            meta["learning_rate"] = Hyperparameters.Format(o.LearningRate);
            meta["weight_decay"] = Hyperparameters.Format(o.WeightDecay);
            if (o.ClipNorm is { } clip) meta["clip_norm"] = Hyperparameters.Format(clip);
        }
        Checkpoint.Save(path, Kind, new TrainingState<T>(Parameters, state), meta, overwrite);
    }

    /// <summary>
    /// Reads a checkpoint of this kind. <paramref name="plan"/> turns the metadata into a validated configuration's
    /// parameter count and a builder for the template; the count is checked against the file's data length and
    /// its training footprint against <paramref name="budget"/> before anything is built, so a small file cannot
    /// make the loader allocate a large model.
    /// </summary>
    public static (ModelEngine<T> Engine, Hyperparameters Hyper) Load(string path, string kind, MemoryBudget budget,
        Func<Hyperparameters, (long ParameterCount, Func<T> Build)> plan)
    {
        long dataLength;
        using (var stream = File.OpenRead(path)) dataLength = Safetensors.ReadHeader(stream, stream.Length, path).DataLength;
        Hyperparameters? hyper = null;
        var loaded = Checkpoint.Load(path, kind, meta =>
        {
            hyper = new Hyperparameters(meta, path);
            var (count, build) = Checked(path, () => plan(hyper));
            // Parameters, then Adam's two moments: at least 3 values per parameter, each at least 4 bytes (F32).
            if (count > dataLength / 12)
                throw new InvalidDataException($"{path}: the metadata describes a model of {count} parameters, more than the file's {dataLength} bytes of data can hold");
            if (budget.Refusal(MemoryFootprint.TrainingBytes(count), $"the metadata describes a model of {MemoryBudget.ShowCount(count)} parameters", "to train") is { } refusal)
                throw new InvalidDataException($"{path}: {refusal}");
            var shape = build();
            return new TrainingState<T>(shape, Optimizer(new TrainOptions()).Init(shape));
        });
        var h = hyper!;
        var epochs = h.Int("epochs_completed");
        if (epochs < 0) throw new InvalidDataException($"{path}: metadata 'epochs_completed' = {epochs} is negative");
        var hasOptimizerState = h.Bool("has_optimizer_state");
        var engine = new ModelEngine<T>(kind, h.Long("seed"), loaded.Parameters.Parameters) { EpochsCompleted = epochs, LastOptions = h.SavedTrainOptions() };
        if (hasOptimizerState) engine.OptimizerState = loaded.Parameters.Optimizer;
        return (engine, h);
    }

    /// <summary>Runs <paramref name="f"/>, turning a range error in the stored hyperparameters into <see cref="InvalidDataException"/>.</summary>
    private static TResult Checked<TResult>(string path, Func<TResult> f)
    {
        try { return f(); }
        catch (ArgumentException e) { throw new InvalidDataException($"{path}: metadata holds an invalid hyperparameter: {e.Message}", e); }
    }

    /// <summary>
    /// The mean over rows of a per-sample column, evaluated in chunks to bound memory. Each chunk gets its own key,
    /// <paramref name="key"/>.FoldIn(first row), so a stochastic loss draws fresh noise for every row (one key for all chunks
    /// would repeat the noise every <paramref name="chunk"/> rows, and a large estimate would have the variance of one chunk's).
    /// </summary>
    public static double MeanPerSample(Tensor x, Key key, Func<Tensor, Key, Tensor> perSample, int chunk = 1000)
    {
        double sum = 0;
        for (var start = 0; start < x.Rows; start += chunk)
            sum += Ops.Sum(perSample(x.SliceRows(start, Math.Min(chunk, x.Rows - start)), key.FoldIn(start))).ToScalar();
        return sum / x.Rows;
    }

    /// <summary>Applies a row-wise map in chunks and stacks the results.</summary>
    public static double[][] MapRows(Tensor x, Func<Tensor, Tensor> f, int chunk = 1000)
    {
        var rows = new List<double[]>(x.Rows);
        for (var start = 0; start < x.Rows; start += chunk)
            rows.AddRange(f(x.SliceRows(start, Math.Min(chunk, x.Rows - start))).ToRows());
        return [.. rows];
    }

    private sealed class Progress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}
