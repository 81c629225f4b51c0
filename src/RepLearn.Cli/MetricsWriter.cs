using System.Text.Json;

namespace RepLearn.Cli;

/// <summary>
/// Writes one JSON object per epoch (JSON Lines): epoch, train_loss, test_loss (when there is test data),
/// seconds, then the model's own metrics. Each line is flushed as the epoch ends, so an interrupted run keeps its history;
/// a resumed run appends, so the file holds the whole curve.
/// </summary>
internal sealed class MetricsWriter(string path, bool append) : IDisposable
{
    private readonly StreamWriter writer = new(path, append) { AutoFlush = true };

    public void Write(EpochReport epoch) => writer.WriteLine(Line(epoch));

    public static string Line(EpochReport epoch)
    {
        var fields = new Dictionary<string, object?>
        {
            ["epoch"] = epoch.Epoch,
            ["train_loss"] = epoch.TrainLoss,
        };
        if (epoch.TestLoss is { } t) fields["test_loss"] = t;
        fields["seconds"] = Math.Round(epoch.Seconds, 4);
        foreach (var (k, v) in epoch.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)) fields[k] = v;
        return JsonSerializer.Serialize(fields, Options);
    }

    /// <summary>A NaN or infinite figure is written as the string "NaN" / "Infinity" rather than aborting the run.</summary>
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void Dispose() => writer.Dispose();
}
