using Spectre.Console;

namespace RepLearn.Cli;

/// <summary>The closing table of a training run.</summary>
internal static class Summary
{
    public static void Print(TrainReport report, string checkpoint, string? metrics, string? metricsFailure = null)
    {
        if (report.Epochs.Count == 0)
        {
            AnsiConsole.WriteLine("no epoch completed");
            return;
        }
        var seconds = report.Epochs.Select(e => e.Seconds).Order().ToArray();
        var table = new Table().AddColumns("figure", "value");
        table.AddRow("final train loss", $"{report.FinalTrainLoss:F3}");
        if (report.FinalTestLoss is { } t) table.AddRow("final test loss", $"{t:F3}");
        var median = seconds.Length % 2 == 1 ? seconds[seconds.Length / 2] : (seconds[seconds.Length / 2 - 1] + seconds[seconds.Length / 2]) / 2;
        table.AddRow("median seconds per epoch", $"{median:F3}");
        table.AddRow("checkpoint", Markup.Escape(checkpoint));
        if (metrics is not null) table.AddRow("metrics", Markup.Escape(metricsFailure is null ? metrics : $"{metrics} ({metricsFailure})"));
        AnsiConsole.Write(table);
    }
}
