using Spectre.Console;

namespace RepLearn.Cli;

/// <summary>Carries out a train request: checks files, loads data, builds or resumes the model, trains, saves.</summary>
internal static class TrainRun
{
    private const long DefaultSeed = 1;
    private const double DefaultLearningRate = 1e-3;

    public static int Execute(TrainRequest r)
    {
        CheckOutputs(r);

        IRepresentationModel? resumed = null;
        IReadOnlyDictionary<string, string> saved = new Dictionary<string, string>();
        if (r.Resume is not null)
        {
            if (!File.Exists(r.Resume)) throw new UsageException($"--resume {r.Resume}: no such file");
            resumed = Models.Load(r.Resume);
            saved = Models.Metadata(r.Resume);
            foreach (var note in Models.LoadNotes(r.Resume)) Console.Error.WriteLine($"note: {note}");
            foreach (var (flag, value) in r.ModelFlagsGiven)
                if (CheckpointValue(saved, r, flag) is { } stored && stored != value)
                    throw new UsageException($"{flag} {value} differs from the checkpoint's {stored}; --resume keeps the checkpoint's model");
            if (resumed.Kind != r.Kind) throw new UsageException($"--resume {r.Resume} holds a '{resumed.Kind}' model, not '{r.Kind}'");
            if (r.Seed is { } s && s != resumed.Seed)
                throw new UsageException($"--seed {s} differs from the checkpoint's seed {resumed.Seed}; a resumed run keeps its seed");
            if (r.DType is { } t && DTypeOf(resumed) is { } had && had != t)
                throw new UsageException($"--dtype {Show(t)} differs from the checkpoint's {Show(had)}; a resumed run keeps its dtype");
        }

        var seed = resumed?.Seed ?? r.Seed ?? DefaultSeed;
        var savedOptions = r.Resume is null ? null : Models.SavedTrainOptions(r.Resume);
        var batchSize = r.BatchSize ?? savedOptions?.BatchSize ?? (r.Kind == "contrastive" ? 64 : 128);
        var learningRate = r.LearningRate ?? savedOptions?.LearningRate ?? DefaultLearningRate;
        WarnIfChanged(saved, "batch_size", "--batch-size", r.BatchSize?.ToString(CultureInfo.InvariantCulture));
        WarnIfChanged(saved, "learning_rate", "--lr", r.LearningRate?.ToString("R", CultureInfo.InvariantCulture));

        var data = DataSource.Load(r.Data, seed);
        var model = resumed ?? AsFlagError(r, () => Build(r, data));
        if (model.InputDim != data.Width)
            throw new UsageException($"--resume {r.Resume} expects rows of width {model.InputDim}, --data {r.Data} has {data.Width}");
        var likelihood = model switch { Vae v => v.Likelihood, AutoencoderBase a => a.Likelihood, _ => (Likelihood?)null };
        if (likelihood == Likelihood.Bernoulli) RequireUnitInterval(data, r.Data);
        var remaining = r.Epochs - model.EpochsCompleted;
        if (remaining < 1)
            throw new UsageException($"--epochs {r.Epochs} is not more than the {model.EpochsCompleted} epochs {r.Resume} already has; --epochs is the total to reach");
        DrySave(model, r.Out);

        AnsiConsole.MarkupLineInterpolated($"[bold]{r.Kind}[/] on {data.Description}: {data.Train.Length} train, {data.Test?.Length ?? 0} test, width {data.Width}; epochs {model.EpochsCompleted + 1}..{r.Epochs}, batch {batchSize}, lr {Flags.Show(learningRate)}, seed {seed}{(DTypeOf(model) == DType.Float32 ? ", float32" : "")}");
        var options = new TrainOptions { BatchSize = batchSize, LearningRate = learningRate };
        using var metrics = r.Metrics is null ? null : r.Resume is null ? MetricsWriter.Create(r.Metrics) : MetricsWriter.Continue(r.Metrics, model.EpochsCompleted);
        var checkpoints = new CheckpointWriter(model, r.Out, overwrite: r.Force);
        TrainReport report;
        using (var stop = new StopSignals())
            report = ProgressView.Run(data.Train.Length, progress =>
                AsFlagError(r, () => TrainInChunks(model, data, options, r, checkpoints, new EpochSink(progress, metrics, r.Epochs), stop.Token)));

        Summary.Print(report, r.Out, r.Metrics, metrics?.Failure);
        if (checkpoints.Failure is { } failure)
        {
            Console.Error.WriteLine($"error: {failure}");
            return Cli.DataError;
        }
        if (!report.Completed)
        {
            Console.Error.WriteLine(checkpoints.Written
                ? $"stopped early: {report.StopReason}; the checkpoint holds the state after epoch {model.EpochsCompleted}, from which --resume continues exactly"
                : $"stopped early: {report.StopReason}; no epoch completed, so --out {r.Out} was not written");
            return 1;
        }
        return 0;
    }

    /// <summary>
    /// Trains up to --epochs in calls of --checkpoint-every epochs, saving after each call: a kill loses at most the
    /// epochs since the last save. Each call continues the same key stream, so the result equals one straight run bit for bit.
    /// An early stop (cancellation, non-finite values) keeps the last completed epoch, which is saved too.
    /// </summary>
    private static TrainReport TrainInChunks(IRepresentationModel model, Dataset data, TrainOptions options, TrainRequest r, CheckpointWriter checkpoints,
        IProgress<TrainProgress> progress, CancellationToken stop)
    {
        var epochs = new List<EpochReport>();
        while (model.EpochsCompleted < r.Epochs)
        {
            var chunk = new TrainOptions { Epochs = Math.Min(r.CheckpointEvery, r.Epochs - model.EpochsCompleted), BatchSize = options.BatchSize, LearningRate = options.LearningRate };
            var part = model.Fit(data.Train, data.Test, chunk, progress, stop);
            epochs.AddRange(part.Epochs);
            if (part.Epochs.Count > 0 && !checkpoints.Save())
                return new TrainReport(epochs, false, "the checkpoint could not be saved");
            if (!part.Completed) return new TrainReport(epochs, false, part.StopReason);
        }
        return new TrainReport(epochs, true, null);
    }

    /// <summary>Everything about --out and --metrics that can fail is checked before the data is read.</summary>
    private static void CheckOutputs(TrainRequest r)
    {
        var inputs = OutputPaths.DataInputs(r.Data).ToList();
        var resumeInput = r.Resume is null ? [] : new[] { ("--resume", r.Resume) };
        // --out may be the checkpoint being resumed (continuing it in place, with --force): every save is atomic and later.
        OutputPaths.Check(r.Out, "--out", r.Force, inputs);
        if (r.Metrics is null) return;
        if (!string.IsNullOrWhiteSpace(r.Metrics) && OutputPaths.SameFile(r.Metrics, r.Out)) throw new UsageException($"--metrics {r.Metrics} is the same file as --out");
        OutputPaths.Check(r.Metrics, "--metrics", force: r.Force || r.Resume is not null, [.. inputs, .. resumeInput]);
    }

    /// <summary>
    /// Writes this model's checkpoint once to a temporary file next to --out and deletes it: a full disk or a quota
    /// fails here, with the checkpoint's real size, before any training.
    /// </summary>
    private static void DrySave(IRepresentationModel model, string output)
    {
        var full = Path.GetFullPath(output);
        var probe = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            model.Save(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {output}: a checkpoint of this model cannot be written there ({e.Message})");
        }
        finally
        {
            try { File.Delete(probe); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>Runs <paramref name="f"/>, turning the facade's ArgumentException for a constructor or option into a usage error naming the flag.</summary>
    private static T AsFlagError<T>(TrainRequest r, Func<T> f)
    {
        try
        {
            return f();
        }
        catch (ArgumentException e) when (Flag(e.ParamName, r) is { } flag)
        {
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new UsageException($"{flag}: {message}");
        }
    }

    /// <summary>
    /// The flag behind a parameter name in an error: the options' and the memory budget's names, else the kind's setting
    /// whose key is the name (a core field such as LatentDim, a facade parameter such as latentDim, or the key itself).
    /// </summary>
    private static string? Flag(string? parameter, TrainRequest r) => parameter switch
    {
        null => null,
        "inputDim" or "InputDim" or "input_dim" => "--data",
        "representationDim" or "projectionDim" or "ProjectionDim" or "projection_dim" => "--latent",
        "sigma" => "--sigma",
        "options" or "BatchSize" => "--batch-size",
        "LearningRate" => "--lr",
        _ => r.ModelKind.Settings.FirstOrDefault(s => Squash(s.Key) == Squash(parameter))?.Flag,
    };

    /// <summary>"latent_dim", "LatentDim" and "latentDim" alike: "latentdim".</summary>
    private static string Squash(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>The model the request describes, built from the kind's table entry with the given flags as its settings.</summary>
    private static IRepresentationModel Build(TrainRequest r, Dataset data) =>
        Models.Create(r.Kind, data.Width, r.Settings, r.Seed ?? DefaultSeed, data.ImageSide, trainRows: data.Train.Length, dtype: r.DType ?? DType.Float64);

    /// <summary>The dtype of a facade model that has one.</summary>
    private static DType? DTypeOf(IRepresentationModel model) => model switch
    {
        Vae v => v.DType,
        AutoencoderBase a => a.DType,
        ContrastiveEncoder c => c.DType,
        _ => null,
    };

    /// <summary>"float32" or "float64", as --dtype takes it.</summary>
    private static string Show(DType dtype) => dtype == DType.Float32 ? "float32" : "float64";

    /// <summary>The checkpoint's value for a model flag, in the flag's own notation, or null when the model has no such setting.</summary>
    private static string? CheckpointValue(IReadOnlyDictionary<string, string> saved, TrainRequest r, string flag) =>
        r.ModelKind.Settings.FirstOrDefault(s => s.Flag == flag) is { } setting && saved.TryGetValue(setting.Key, out var v) ? v : null;

    /// <summary>A resumed run that changes its batch size or learning rate no longer equals an uninterrupted one: say so.</summary>
    private static void WarnIfChanged(IReadOnlyDictionary<string, string> saved, string key, string flag, string? given)
    {
        if (given is not null && saved.TryGetValue(key, out var before) && before != given)
            Console.Error.WriteLine($"note: {flag} {given} differs from the checkpoint's {before}; the result will differ from an uninterrupted run");
    }

    private static void RequireUnitInterval(Dataset data, string spec)
    {
        foreach (var (rows, split) in new[] { (data.Train, "training"), (data.Test ?? [], "test") })
            for (var i = 0; i < rows.Length; i++)
                for (var j = 0; j < rows[i].Length; j++)
                    if (rows[i][j] is < 0 or > 1)
                        throw new UsageException($"--data {spec} has {Flags.Show(rows[i][j])} in {split} row {i}, column {j}; a Bernoulli decoder needs values in [0, 1] (use --likelihood gaussian)");
    }

    /// <summary>
    /// Forwards step progress to the view, counting epochs towards --epochs rather than the current chunk's end,
    /// and writes each completed epoch to the metrics file.
    /// </summary>
    private sealed class EpochSink(IProgress<TrainProgress> view, MetricsWriter? metrics, int totalEpochs) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value)
        {
            view.Report(value with { Epochs = totalEpochs });
            if (value.CompletedEpoch is { } epoch) metrics?.Write(epoch);
        }
    }
}
