using System.Diagnostics;
using Spectre.Console;

namespace RepLearn.Cli;

/// <summary>
/// Shows training progress: a live bar (epoch, loss, samples per second, ETA) on a terminal, or one plain
/// line per epoch when the output is redirected (CI logs).
/// </summary>
internal static class ProgressView
{
    public static TrainReport Run(int trainRows, Func<IProgress<TrainProgress>, TrainReport> train)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return train(new PlainLines());
        TrainReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                report = train(new Bar(task, trainRows));
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>Updates the bar after each step.</summary>
    private sealed class Bar(ProgressTask task, int trainRows) : IProgress<TrainProgress>
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private long samples;
        private int firstEpoch = -1;

        public void Report(TrainProgress p)
        {
            if (firstEpoch < 0) firstEpoch = p.Epoch;
            if (p.CompletedEpoch is { } e)
            {
                AnsiConsole.MarkupLine(Markup.Escape(EpochLine(e)));
                return;
            }
            samples = (long)(p.Epoch - firstEpoch) * trainRows + p.SamplesSeen;
            task.MaxValue = (double)(p.Epochs - firstEpoch + 1) * trainRows;
            task.Value = samples;
            var rate = samples / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            task.Description = $"epoch {p.Epoch}/{p.Epochs}  loss {p.Loss,9:F3}  {rate,7:F0} samples/s";
        }
    }

    /// <summary>One line per epoch for logs.</summary>
    private sealed class PlainLines : IProgress<TrainProgress>
    {
        public void Report(TrainProgress p)
        {
            if (p.CompletedEpoch is { } e) Console.WriteLine(EpochLine(e));
        }
    }

    public static string EpochLine(EpochReport e)
    {
        var test = e.TestLoss is { } t ? $"  test {t:F3}" : "";
        var extra = string.Concat(e.Metrics.Select(m => $"  {m.Key} {m.Value:F3}"));
        return $"epoch {e.Epoch,3}  train {e.TrainLoss:F3}{test}{extra}  {e.Seconds:F2}s";
    }
}
