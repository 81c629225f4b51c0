using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>A resumed run continues its metrics file: epochs past the checkpoint (from a killed run) and a torn last line are dropped, never repeated.</summary>
[Collection("Console")]
public sealed class CliMetricsTests
{
    private static int[] EpochsIn(string metrics) =>
        [.. File.ReadAllLines(metrics).Where(l => l.Length > 0).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("epoch").GetInt32())];

    [Fact]
    public void Resuming_drops_the_lines_of_epochs_past_the_checkpoint_and_a_torn_last_line()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        var (output, metrics) = (dir.File("m.safetensors"), dir.File("m.jsonl"));
        string[] model = ["train", "ae", "--data", csv, "--hidden", "8", "--latent", "2", "--out", output, "--metrics", metrics];
        Assert.Equal(0, Run([.. model, "--epochs", "2"]).ExitCode);
        var lines = File.ReadAllLines(metrics);
        // What a run killed after its epoch-2 checkpoint could leave: epochs 3 and 4 written, and half of epoch 5's line.
        File.AppendAllText(metrics, lines[1].Replace("\"epoch\":2", "\"epoch\":3") + "\n" + lines[1].Replace("\"epoch\":2", "\"epoch\":4") + "\n{\"epoch\":5,\"tra");

        var resumed = Run([.. model, "--epochs", "3", "--resume", output, "--force"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("kept epochs 1..2, dropped 3 line(s)", resumed.Err);
        Assert.Equal([1, 2, 3], EpochsIn(metrics));
        Assert.Equal(lines, File.ReadAllLines(metrics)[..2]);
    }

    [Fact]
    public void A_file_that_is_not_a_metrics_file_is_refused_on_resume_and_left_alone()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        var output = dir.File("m.safetensors");
        Assert.Equal(0, Run("train", "ae", "--data", csv, "--hidden", "8", "--latent", "2", "--epochs", "1", "--out", output).ExitCode);
        var notes = dir.Write("notes.txt", "first line\nsecond line\n"u8.ToArray());
        var r = Run("train", "ae", "--data", csv, "--epochs", "2", "--resume", output, "--out", output, "--force", "--metrics", notes);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains($"--metrics {notes}: line 1 is not a metrics line", r.ErrLines[0]);
        Assert.Equal("first line\nsecond line\n", File.ReadAllText(notes));
        Assert.Equal(1, Models.Load(output).EpochsCompleted);
    }

    [Fact]
    public void Checkpoint_every_n_saves_after_each_chunk_and_ends_equal_to_every_epoch()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        string[] model = ["train", "ae", "--data", csv, "--hidden", "8", "--latent", "2", "--epochs", "5"];
        Assert.Equal(0, Run([.. model, "--out", dir.File("every1.safetensors")]).ExitCode);
        Assert.Equal(0, Run([.. model, "--out", dir.File("every2.safetensors"), "--checkpoint-every", "2"]).ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("every1.safetensors")), File.ReadAllBytes(dir.File("every2.safetensors")));
        var zero = Run([.. model, "--out", dir.File("x.safetensors"), "--checkpoint-every", "0"]);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--checkpoint-every must be >= 1, got 0", zero.ErrLines[0]);
    }
}
