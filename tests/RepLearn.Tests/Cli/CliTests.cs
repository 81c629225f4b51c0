using System.Text.Json;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>
/// The replearn CLI run in-process: argument errors exit 2 with one "error:" line naming the flag and value plus a
/// usage line and no stack trace; data and file errors exit 1; train writes a loadable checkpoint and a metrics
/// file, resumes bit-exactly, and eval and plot read what train wrote.
/// </summary>
[Collection("Console")]
public sealed partial class CliTests
{
    private const string Missing = "/nonexistent/replearn-no-such-path";

    private static void AssertUsageError(CliResult r, params string[] fragments)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        var errors = r.ErrLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.StartsWith("error:", r.ErrLines[0]);
        Assert.All(fragments, f => Assert.Contains(f, error));
        Assert.Contains(r.ErrLines, l => l.StartsWith("usage: replearn", StringComparison.Ordinal));
        Assert.Equal(2, r.ErrLines.Length);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    private static void AssertDataError(CliResult r, params string[] fragments)
    {
        Assert.True(r.ExitCode == 1, r.ToString());
        var error = Assert.Single(r.ErrLines);
        Assert.StartsWith("error:", error);
        Assert.All(fragments, f => Assert.Contains(f, error));
        Assert.DoesNotContain("   at ", r.Err);
    }

    private static JsonElement[] MetricsLines(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    // ---- argument errors -------------------------------------------------------------------------

    public static TheoryData<string[], string[]> BadArguments() => new()
    {
        { ["train", "ae", "--epochs", "0"], ["--epochs", "0"] },
        { ["train", "ae", "--epochs", "-5"], ["--epochs", "-5"] },
        { ["train", "ae", "--lr", "-1"], ["--lr", "-1"] },
        { ["train", "ae", "--lr", "0"], ["--lr", "got 0"] },
        { ["train", "ae", "--lr", "NaN"], ["--lr", "NaN"] },
        { ["train", "ae", "--lr", "abc"], ["--lr", "abc"] },
        { ["train", "ae", "--lr", "0,001"], ["--lr", "0,001"] },   // not 1 (a thousands separator) and not 0.001 (a decimal comma)
        { ["train", "vae", "--beta", "1,5"], ["--beta", "1,5"] },
        { ["train", "dae", "--sigma", "0,3"], ["--sigma", "0,3"] },
        { ["train", "contrastive", "--tau", "0,5"], ["--tau", "0,5"] },
        { ["train", "ae", "--batch-size", "0"], ["--batch-size", "0"] },
        { ["train", "contrastive", "--batch-size", "1"], ["--batch-size", "1"] },
        { ["train", "ae", "--hidden", "0,5"], ["--hidden", "0,5"] },
        { ["train", "ae", "--hidden", "64,x"], ["--hidden", "64,x"] },
        { ["train", "ae", "--latent", "0"], ["--latent", "0"] },
        { ["train", "contrastive", "--tau", "0"], ["--tau", "0"] },
        { ["train", "contrastive", "--augment", "heavy"], ["--augment", "heavy"] },
        { ["train", "contrastive", "--augment", "strong"], ["--augment", "square images"] },   // on CSV rows, which are not images
        { ["train", "dae", "--sigma", "-0.5"], ["--sigma", "-0.5"] },
        { ["train", "vae", "--beta", "-1"], ["--beta", "-1"] },
        { ["train", "vae", "--seed", "abc"], ["--seed", "abc"] },
        { ["train", "gan"], ["'gan'", "'ae'", "'contrastive'"] },
        { ["train", "ae", "--data", Missing], ["--data", Missing] },
        { ["train", "ae", "--resume", Missing + ".safetensors"], ["--resume", Missing + ".safetensors"] },
        { ["train", "ae", "--no-such-flag"], ["--no-such-flag"] },
        { ["eval", Missing + ".safetensors"], ["model", Missing + ".safetensors"] },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_exit_2_with_one_error_line_naming_the_flag_and_a_usage_line(string[] args, string[] fragments)
    {
        using var dir = new TempFolder();
        var full = args;
        if (args[0] == "train")
        {
            // Files in the temp folder, and tiny data unless the case is about --data (so a missed check fails fast).
            full = [.. args, "--out", dir.File("m.safetensors"), "--metrics", dir.File("m.jsonl")];
            if (!args.Contains("--data")) full = [.. full, "--data", WriteCsv(dir.File("data.csv"), rows: 16)];
        }
        var r = Run(full);
        AssertUsageError(r, fragments);
        Assert.False(File.Exists(dir.File("m.safetensors")));   // nothing was written
        Assert.False(File.Exists(dir.File("m.jsonl")));
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        var r = Run();
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.ErrLines[0]);
        Assert.Contains("usage: replearn", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Help_lists_the_commands_and_exits_0()
    {
        var r = Run("train", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--epochs", r.Out);
        Assert.Contains("--resume", r.Out);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void An_existing_out_file_without_force_exits_2_and_is_left_unchanged()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"));
        var existing = dir.Write("m.safetensors", [1, 2, 3, 4, 5]);
        var r = Run("train", "ae", "--data", csv, "--out", existing, "--epochs", "1", "--hidden", "8", "--latent", "2");
        AssertUsageError(r, "--out", existing, "--force");
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, File.ReadAllBytes(existing));

        var metrics = dir.Write("m.jsonl", [7]);
        var r2 = Run("train", "ae", "--data", csv, "--out", dir.File("new.safetensors"), "--metrics", metrics, "--epochs", "1");
        AssertUsageError(r2, "--metrics", metrics);
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(metrics));
        Assert.False(File.Exists(dir.File("new.safetensors")));

        // --force replaces both.
        var r3 = Run("train", "ae", "--data", csv, "--out", existing, "--metrics", metrics, "--epochs", "1", "--hidden", "8", "--latent", "2", "--force");
        Assert.True(r3.ExitCode == 0, r3.ToString());
        Assert.Equal("ae", Models.KindOf(existing));
        Assert.Single(MetricsLines(metrics));
    }
}
