using System.Globalization;
using Spectre.Console;

namespace RepLearn.Cli;

/// <summary>Carries out a train request: checks files, loads data, builds or resumes the model, trains, saves.</summary>
internal static class TrainRun
{
    private const long DefaultSeed = 1;
    private const double DefaultLearningRate = 1e-3;

    public static int Execute(TrainRequest r)
    {
        CheckWritable(r.Out, "--out", r.Force);
        if (r.Metrics is not null)
        {
            if (Path.GetFullPath(r.Metrics) == Path.GetFullPath(r.Out)) throw new UsageException($"--metrics {r.Metrics} is the same file as --out");
            if (r.Resume is null) CheckWritable(r.Metrics, "--metrics", r.Force);
        }

        IRepresentationModel? resumed = null;
        IReadOnlyDictionary<string, string> saved = new Dictionary<string, string>();
        if (r.Resume is not null)
        {
            if (!File.Exists(r.Resume)) throw new UsageException($"--resume {r.Resume}: no such file");
            resumed = Models.Load(r.Resume);
            saved = Models.Metadata(r.Resume);
            foreach (var (flag, value) in r.ModelFlagsGiven)
                if (CheckpointValue(saved, r.Kind, flag) is { } stored && stored != value)
                    throw new UsageException($"{flag} {value} differs from the checkpoint's {stored}; --resume keeps the checkpoint's model");
            if (resumed.Kind != r.Kind) throw new UsageException($"--resume {r.Resume} holds a '{resumed.Kind}' model, not '{r.Kind}'");
            if (r.Seed is { } s && s != resumed.Seed)
                throw new UsageException($"--seed {s} differs from the checkpoint's seed {resumed.Seed}; a resumed run keeps its seed");
        }

        var seed = resumed?.Seed ?? r.Seed ?? DefaultSeed;
        var batchSize = r.BatchSize ?? Saved(saved, "batch_size", int.Parse) ?? (r.Kind == "contrastive" ? 256 : 128);
        var learningRate = r.LearningRate ?? Saved(saved, "learning_rate", double.Parse) ?? DefaultLearningRate;
        WarnIfChanged(saved, "batch_size", "--batch-size", r.BatchSize?.ToString(CultureInfo.InvariantCulture));
        WarnIfChanged(saved, "learning_rate", "--lr", r.LearningRate?.ToString("R", CultureInfo.InvariantCulture));

        var data = DataSource.Load(r.Data, seed);
        var model = resumed ?? Build(r, data);
        if (model.InputDim != data.Width)
            throw new UsageException($"--resume {r.Resume} expects rows of width {model.InputDim}, --data {r.Data} has {data.Width}");
        var likelihood = model switch { Vae v => v.Likelihood, AutoencoderBase a => a.Likelihood, _ => (Likelihood?)null };
        if (likelihood == Likelihood.Bernoulli) RequireUnitInterval(data, r.Data);
        var remaining = r.Epochs - model.EpochsCompleted;
        if (remaining < 1)
            throw new UsageException($"--epochs {r.Epochs} is not more than the {model.EpochsCompleted} epochs {r.Resume} already has; --epochs is the total to reach");

        AnsiConsole.MarkupLineInterpolated($"[bold]{r.Kind}[/] on {data.Description}: {data.Train.Length} train, {data.Test?.Length ?? 0} test, width {data.Width}; epochs {model.EpochsCompleted + 1}..{r.Epochs}, batch {batchSize}, lr {Flags.Show(learningRate)}, seed {seed}");
        var options = new TrainOptions { Epochs = remaining, BatchSize = batchSize, LearningRate = learningRate };
        using var metrics = r.Metrics is null ? null : new MetricsWriter(r.Metrics, append: r.Resume is not null);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCtrlC;
        TrainReport report;
        try
        {
            report = ProgressView.Run(data.Train.Length, progress =>
                model.Fit(data.Train, data.Test, options, new EpochSink(progress, metrics), cancel.Token));
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }

        model.Save(r.Out, overwrite: r.Force);
        Summary.Print(report, r.Out, r.Metrics);
        if (!report.Completed)
        {
            Console.Error.WriteLine($"stopped early: {report.StopReason}; the checkpoint holds the state after epoch {model.EpochsCompleted}, from which --resume continues exactly");
            return 1;
        }
        return 0;
    }

    private static IRepresentationModel Build(TrainRequest r, Dataset data) => (r.Kind, data.Width) switch
    {
        ("vae", var width) => new Vae(width, r.Latent, r.Hidden, r.Seed ?? DefaultSeed, r.Beta, r.Likelihood, r.Activation),
        ("ae", var width) => new Autoencoder(width, r.Latent, r.Hidden, r.Seed ?? DefaultSeed, r.Likelihood, r.Activation),
        ("dae", var width) => new DenoisingAutoencoder(width, r.Latent, r.Sigma, r.Hidden, r.Seed ?? DefaultSeed, likelihood: r.Likelihood, activation: r.Activation),
        ("contrastive", var width) => new ContrastiveEncoder(width, r.Latent, Math.Max(1, r.Latent / 2), r.Hidden, r.Tau, r.Seed ?? DefaultSeed, r.Activation, data.ImageSide),
        _ => throw new UsageException($"unknown model kind '{r.Kind}' (use ae, dae, vae or contrastive)"),
    };

    /// <summary>The checkpoint's value for a model flag, in the flag's own notation, or null when the model has no such setting.</summary>
    private static string? CheckpointValue(IReadOnlyDictionary<string, string> saved, string kind, string flag)
    {
        var key = flag switch
        {
            "--latent" => kind == "contrastive" ? "representation_dim" : "latent_dim",
            "--hidden" => "hidden_dims",
            "--activation" => "activation",
            "--likelihood" => "likelihood",
            "--beta" => "beta",
            "--sigma" => "corruption_amount",
            "--tau" => "temperature",
            _ => null,
        };
        return key is not null && saved.TryGetValue(key, out var v) ? v : null;
    }

    private static T? Saved<T>(IReadOnlyDictionary<string, string> saved, string key, Func<string, IFormatProvider, T> parse) where T : struct =>
        saved.TryGetValue(key, out var v) ? parse(v, CultureInfo.InvariantCulture) : null;

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

    private static void CheckWritable(string path, string flag, bool force)
    {
        if (File.Exists(path) && !force) throw new UsageException($"{flag} {path} already exists; pass --force to overwrite it");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder)) throw new UsageException($"{flag} {path}: folder {folder} does not exist");
    }

    /// <summary>Forwards step progress to the view and writes each completed epoch to the metrics file.</summary>
    private sealed class EpochSink(IProgress<TrainProgress> view, MetricsWriter? metrics) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value)
        {
            view.Report(value);
            if (value.CompletedEpoch is { } epoch) metrics?.Write(epoch);
        }
    }
}
