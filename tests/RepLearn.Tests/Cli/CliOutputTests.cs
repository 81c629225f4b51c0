using RepLearn.Cli;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>
/// Outputs are checked before any work (issue 11): an output that is an input, a device, a folder, empty or in a folder
/// that cannot be written is refused with one line naming the flag, and the file it names is left exactly as it was.
/// </summary>
[Collection("Console")]
public sealed class CliOutputTests
{
    private static void AssertRefused(CliResult r, params string[] fragments)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("error:", r.ErrLines[0]);
        foreach (var f in fragments) Assert.Contains(f, r.ErrLines[0]);
        Assert.DoesNotContain("epoch", r.Out); // refused before training
        Assert.DoesNotContain("   at ", r.Err);
    }

    private static string Trained(TempFolder dir, string csv, string name = "a.safetensors")
    {
        var path = dir.File(name);
        Assert.Equal(0, Run("train", "ae", "--data", csv, "--epochs", "1", "--hidden", "8", "--latent", "2", "--out", path).ExitCode);
        return path;
    }

    [Fact]
    public void Metrics_naming_the_resumed_checkpoint_or_the_data_is_refused_and_the_file_is_untouched()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        var a = Trained(dir, csv);
        var (before, csvBefore) = (File.ReadAllBytes(a), File.ReadAllBytes(csv));
        AssertRefused(Run("train", "ae", "--data", csv, "--epochs", "2", "--resume", a, "--metrics", a, "--out", dir.File("b.safetensors")), "--metrics", "--resume");
        AssertRefused(Run("train", "ae", "--data", csv, "--epochs", "2", "--metrics", csv, "--out", dir.File("c.safetensors"), "--force"), "--metrics", "--data");
        AssertRefused(Run("train", "ae", "--data", csv, "--epochs", "2", "--out", csv, "--force"), "--out", "--data");
        Assert.Equal(before, File.ReadAllBytes(a));
        Assert.Equal(csvBefore, File.ReadAllBytes(csv));
        Assert.False(File.Exists(dir.File("b.safetensors")));
        Assert.Equal(2, Models.Load(a).EpochsCompleted + 1);
    }

    [Fact]
    public void An_input_reached_through_a_symbolic_link_is_still_an_input()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        var link = dir.File("link.csv");
        File.CreateSymbolicLink(link, csv);
        AssertRefused(Run("train", "ae", "--data", csv, "--epochs", "1", "--out", link, "--force"), "--out", "same file as --data");
    }

    [Fact]
    public void Empty_folder_and_missing_folder_outputs_are_refused_naming_the_flag()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        AssertRefused(Run("train", "ae", "--data", csv, "--out", ""), "--out needs a file name");
        AssertRefused(Run("train", "ae", "--data", csv, "--out", "  "), "--out needs a file name");
        AssertRefused(Run("train", "ae", "--data", csv, "--out", dir.File("m.st"), "--metrics", ""), "--metrics needs a file name");
        AssertRefused(Run("train", "ae", "--data", csv, "--out", dir.Path), "--out", "is a folder");
        AssertRefused(Run("train", "ae", "--data", csv, "--out", dir.File("m.st"), "--metrics", dir.Path), "--metrics", "is a folder");
        AssertRefused(Run("train", "ae", "--data", csv, "--out", dir.File("no/such/m.st")), "--out", "does not exist");
        Assert.Equal(["data.csv"], dir.FileNames());
    }

    [Fact]
    public void A_device_is_refused_as_an_output_even_with_force_and_stays_a_device()
    {
        if (!File.Exists("/dev/null")) return; // no device files on this platform (Windows: NUL is checked by name)
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        foreach (var device in new[] { "/dev/null", "/dev/full" })
        {
            AssertRefused(Run("train", "ae", "--data", csv, "--epochs", "1", "--out", device, "--force"), $"--out {device}", "special file");
            AssertRefused(Run("train", "ae", "--data", csv, "--epochs", "1", "--out", dir.File("m.st"), "--metrics", device, "--force"), $"--metrics {device}", "special file");
            Assert.True(FileKind.IsSpecial(device), device);
        }
        Assert.False(FileKind.IsSpecial(csv));
        Assert.False(FileKind.IsSpecial(dir.File("absent")));
    }

    [Fact]
    public void A_metrics_write_that_fails_is_reported_once_and_does_not_throw()
    {
        using var metrics = new MetricsWriter("m.jsonl", new FailingWriter());
        var epoch = new EpochReport(3, 1.5, null, 0.1, new Dictionary<string, double>());
        var stderr = new StringWriter();
        var old = Console.Error;
        Console.SetError(stderr);
        try
        {
            metrics.Write(epoch);
            metrics.Write(epoch with { Epoch = 4 });
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.Equal("could not write epoch 3 (No space left on device); it holds epochs up to 2", metrics.Failure);
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [FullDiskFact]
    public void On_a_full_disk_metrics_fail_alone_and_the_checkpoint_elsewhere_is_saved_and_an_output_there_is_refused_before_training()
    {
        using var dir = new TempFolder();
        using var full = FullDisk.Mount(dir.File("full"));
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        var output = dir.File("m.safetensors");
        var metrics = Path.Combine(full.Path, "m.jsonl");
        var r = Run("train", "ae", "--data", csv, "--epochs", "3", "--hidden", "8", "--latent", "2", "--out", output, "--metrics", metrics);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"warning: --metrics {metrics}: could not write epoch 1", r.Err);
        Assert.Equal(3, Models.Load(output).EpochsCompleted);

        var refused = Run("train", "ae", "--data", csv, "--epochs", "3", "--hidden", "8", "--latent", "2", "--out", Path.Combine(full.Path, "x.safetensors"));
        AssertRefused(refused, "--out", "cannot be written there");
        Assert.Empty(Directory.EnumerateFiles(full.Path, "*.safetensors*"));
        Assert.Empty(Directory.EnumerateFiles(full.Path, ".x.safetensors*"));
    }

    private sealed class FailingWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");
    }
}
