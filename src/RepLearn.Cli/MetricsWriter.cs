using System.Text;
using System.Text.Json;

namespace RepLearn.Cli;

/// <summary>
/// Writes one JSON object per epoch (JSON Lines): epoch, train_loss, test_loss (when there is test data),
/// seconds, then the model's own metrics. Each line is flushed as the epoch ends, so an interrupted run keeps its
/// history. A resumed run continues the file: lines for epochs past the checkpoint (written by a run that was
/// killed after its last checkpoint) are dropped first, so the file never repeats an epoch. A failed write
/// (a full disk) is reported once and ends the metrics, not the training.
/// </summary>
internal sealed class MetricsWriter : IDisposable
{
    private readonly string path;
    private TextWriter? writer;

    /// <summary>Why writing stopped, if it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>Writes to <paramref name="writer"/>, naming <paramref name="path"/> in messages (tests give a failing writer).</summary>
    internal MetricsWriter(string path, TextWriter writer)
    {
        this.path = path;
        this.writer = writer;
    }

    /// <summary>A new file (replacing an old one), for a run from scratch.</summary>
    public static MetricsWriter Create(string path) => new(path, new StreamWriter(path, append: false) { AutoFlush = true });

    /// <summary>
    /// Continues <paramref name="path"/> after <paramref name="epochsCompleted"/> epochs: keeps its lines for epochs up to
    /// that count, drops later ones and a torn last line (an interrupted write), then appends.
    /// </summary>
    /// <exception cref="UsageException">A line other than the last is not a metrics line (so the file is not one of ours).</exception>
    public static MetricsWriter Continue(string path, int epochsCompleted)
    {
        if (File.Exists(path))
        {
            var lines = File.ReadAllLines(path);
            var kept = new List<string>(lines.Length);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                var epoch = EpochOf(lines[i]);
                if (epoch is null && i < lines.Length - 1)
                    throw new UsageException($"--metrics {path}: line {i + 1} is not a metrics line (a JSON object with an \"epoch\"); give another file");
                if (epoch is { } e && e <= epochsCompleted) kept.Add(lines[i]);
            }
            if (kept.Count != lines.Count(l => l.Length > 0))
            {
                Console.Error.WriteLine($"note: --metrics {path}: kept epochs 1..{epochsCompleted}, dropped {lines.Count(l => l.Length > 0) - kept.Count} line(s) past the checkpoint or torn by an interrupted write");
                AtomicFile.Write(path, overwrite: true, s => s.Write(Encoding.UTF8.GetBytes(string.Concat(kept.Select(l => l + "\n")))));
            }
        }
        return new(path, new StreamWriter(path, append: true) { AutoFlush = true });
    }

    /// <summary>Appends the epoch's line; a failure is reported on stderr once, and later epochs are not written.</summary>
    public void Write(EpochReport epoch)
    {
        if (writer is null) return;
        try
        {
            writer.WriteLine(Line(epoch));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failure = $"could not write epoch {epoch.Epoch} ({e.Message}); it holds epochs up to {epoch.Epoch - 1}";
            Console.Error.WriteLine($"warning: --metrics {path}: {Failure}; training goes on and the checkpoint is saved");
            Close();
        }
    }

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

    /// <summary>The "epoch" of a metrics line, or null when the line is not one.</summary>
    private static int? EpochOf(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("epoch", out var e) && e.TryGetInt32(out var epoch) ? epoch : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A NaN or infinite figure is written as the string "NaN" / "Infinity" rather than aborting the run.</summary>
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private void Close()
    {
        try
        {
            writer?.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the buffered bytes that failed once fail again here; the failure is already reported
        }
        writer = null;
    }

    public void Dispose() => Close();
}
