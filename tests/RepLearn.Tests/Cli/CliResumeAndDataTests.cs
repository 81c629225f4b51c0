using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>
/// What the CLI refuses or adapts to before any training: resumed runs that would silently change the model or
/// its seed, a metrics file that is the checkpoint, data a Bernoulli decoder cannot model, empty data, non-integers.
/// </summary>
[Collection("Console")]
public sealed class CliResumeAndDataTests
{
    private static void AssertOneLineUsageError(CliResult r, params string[] fragments)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("error:", r.ErrLines[0]);
        foreach (var f in fragments) Assert.Contains(f, r.ErrLines[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Resume_refuses_a_model_flag_or_seed_that_differs_from_the_checkpoint_and_accepts_the_same_values()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        var first = dir.File("first.safetensors");
        Assert.Equal(0, Run("train", "ae", "--data", csv, "--epochs", "1", "--hidden", "8", "--latent", "2", "--seed", "3", "--out", first).ExitCode);

        AssertOneLineUsageError(Run("train", "ae", "--data", csv, "--epochs", "2", "--hidden", "16", "--resume", first, "--out", dir.File("a.safetensors")), "--hidden 16", "8");
        AssertOneLineUsageError(Run("train", "ae", "--data", csv, "--epochs", "2", "--seed", "4", "--resume", first, "--out", dir.File("b.safetensors")), "--seed 4", "3");
        var same = Run("train", "ae", "--data", csv, "--epochs", "2", "--hidden", "8", "--latent", "2", "--resume", first, "--out", dir.File("c.safetensors"));
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("seed 3", same.Out); // the checkpoint's seed, not the default
    }

    [Fact]
    public void A_resumed_run_appends_to_its_metrics_file()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        var metrics = dir.File("m.jsonl");
        var first = dir.File("first.safetensors");
        Assert.Equal(0, Run("train", "ae", "--data", csv, "--epochs", "1", "--hidden", "4", "--latent", "2", "--out", first, "--metrics", metrics).ExitCode);
        Assert.Equal(0, Run("train", "ae", "--data", csv, "--epochs", "3", "--resume", first, "--out", dir.File("second.safetensors"), "--metrics", metrics).ExitCode);
        var epochs = File.ReadAllLines(metrics).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("epoch").GetInt32());
        Assert.Equal([1, 2, 3], epochs);
    }

    [Fact]
    public void The_metrics_file_cannot_be_the_checkpoint()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 16);
        var path = dir.File("same.safetensors");
        AssertOneLineUsageError(Run("train", "ae", "--data", csv, "--epochs", "1", "--out", path, "--metrics", path), "--metrics", "same file as --out");
    }

    [Fact]
    public void A_vae_on_data_outside_the_unit_interval_needs_the_gaussian_likelihood()
    {
        using var dir = new TempFolder();
        var csv = dir.File("wide.csv");
        File.WriteAllLines(csv, ["a,b,c", .. Enumerable.Range(0, 24).Select(i => $"{i * 0.5},{-i},{i % 3}")]);
        AssertOneLineUsageError(Run("train", "vae", "--data", csv, "--epochs", "1", "--out", dir.File("v.safetensors")), "--data", "--likelihood gaussian");
        var gaussian = Run("train", "vae", "--data", csv, "--epochs", "1", "--hidden", "4", "--latent", "2", "--likelihood", "gaussian", "--out", dir.File("g.safetensors"));
        Assert.True(gaussian.ExitCode == 0, gaussian.ToString());
    }

    [Fact]
    public void Data_without_rows_is_a_data_error_naming_the_flag()
    {
        using var dir = new TempFolder();
        var csv = dir.File("empty.csv");
        File.WriteAllLines(csv, ["a,b,c"]);
        var r = Run("train", "ae", "--data", csv, "--epochs", "1", "--out", dir.File("x.safetensors"));
        Assert.NotEqual(0, r.ExitCode);
        Assert.StartsWith("error:", r.ErrLines[0]);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Theory]
    [InlineData("--batch-size", "abc")]
    [InlineData("--epochs", "2.5")]
    [InlineData("--latent", "1,000")]
    public void Whole_number_flags_say_what_they_take(string flag, string value)
    {
        var r = Run("train", "ae", flag, value);
        AssertOneLineUsageError(r, flag, value, "whole number");
        Assert.DoesNotContain("Nullable", r.Err);
    }
}
