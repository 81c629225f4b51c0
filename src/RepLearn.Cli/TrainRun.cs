using Spectre.Console;

namespace RepLearn.Cli;

/// <summary>Carries out a train request: checks files, loads data, builds or resumes the model, trains, saves.</summary>
internal static class TrainRun
{
    public static int Execute(TrainRequest r)
    {
        CheckWritable(r.Out, "--out", r.Force);
        if (r.Metrics is not null) CheckWritable(r.Metrics, "--metrics", r.Force);
        if (r.Resume is not null && !File.Exists(r.Resume)) throw new UsageException($"--resume {r.Resume}: no such file");

        var data = DataSource.Load(r.Data, r.Seed);
        var model = r.Resume is null ? Build(r, data) : Resume(r, data.Width);
        var remaining = r.Epochs - model.EpochsCompleted;
        if (remaining < 1)
            throw new UsageException($"--epochs {r.Epochs} is not more than the {model.EpochsCompleted} epochs {r.Resume} already has; --epochs is the total to reach");

        AnsiConsole.MarkupLineInterpolated($"[bold]{r.Kind}[/] on {data.Description}: {data.Train.Length} train, {data.Test?.Length ?? 0} test, width {data.Width}; epochs {model.EpochsCompleted + 1}..{r.Epochs}, batch {r.BatchSize}, lr {Flags.Show(r.LearningRate)}, seed {r.Seed}");
        var options = new TrainOptions { Epochs = remaining, BatchSize = r.BatchSize, LearningRate = r.LearningRate };
        using var metrics = r.Metrics is null ? null : new MetricsWriter(r.Metrics);
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
        ("vae", var width) => new Vae(width, r.Latent, r.Hidden, r.Seed, r.Beta, activation: r.Activation),
        ("ae", var width) => new Autoencoder(width, r.Latent, r.Hidden, r.Seed, activation: r.Activation),
        ("dae", var width) => new DenoisingAutoencoder(width, r.Latent, r.Sigma, r.Hidden, r.Seed, activation: r.Activation),
        ("contrastive", var width) => new ContrastiveEncoder(width, r.Latent, Math.Max(1, r.Latent / 2), r.Hidden, r.Tau, r.Seed, r.Activation, data.ImageSide),
        _ => throw new UsageException($"unknown model kind '{r.Kind}' (use ae, dae, vae or contrastive)"),
    };

    private static IRepresentationModel Resume(TrainRequest r, int width)
    {
        var model = Models.Load(r.Resume!);
        if (model.Kind != r.Kind) throw new UsageException($"--resume {r.Resume} holds a '{model.Kind}' model, not '{r.Kind}'");
        if (model.InputDim != width) throw new UsageException($"--resume {r.Resume} expects rows of width {model.InputDim}, --data {r.Data} has {width}");
        return model;
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
