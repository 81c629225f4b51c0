using RepLearn.Functional.Checkpoints;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>Resuming from the CLI: train 1 then resume to 2 equals train 2, bit for bit.</summary>
public sealed partial class CliTests
{
    // ---- resuming ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ae")]
    [InlineData("vae")]
    [InlineData("iwae")]
    [InlineData("tcvae")]
    public void Train_2_epochs_equals_train_1_then_resume_to_2_bit_for_bit(string kind)
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"));
        string[] common = ["--data", csv, "--batch-size", "32", "--hidden", "8", "--latent", "2", "--seed", "3", "--lr", "0.01"];
        var straight = dir.File("straight.safetensors");
        Assert.Equal(0, Run(["train", kind, .. common, "--epochs", "2", "--out", straight]).ExitCode);

        var resumed = dir.File("resumed.safetensors");
        Assert.Equal(0, Run(["train", kind, .. common, "--epochs", "1", "--out", resumed]).ExitCode);
        Assert.Equal("1", Safetensors.Load(resumed).Metadata["epochs_completed"]);
        var metrics = dir.File("resumed.jsonl");
        var r = Run(["train", kind, .. common, "--epochs", "2", "--resume", resumed, "--out", resumed, "--force", "--metrics", metrics]);
        Assert.True(r.ExitCode == 0, r.ToString());

        Facade.TinyModels.AssertSameCheckpoint(straight, resumed);
        Assert.Equal(File.ReadAllBytes(straight), File.ReadAllBytes(resumed));
        Assert.Equal([2], MetricsLines(metrics).Select(l => l.GetProperty("epoch").GetInt32()));   // only the new epoch

        // Resuming to a total that is already reached is a usage error; so is resuming another kind.
        var again = Run(["train", kind, .. common, "--epochs", "2", "--resume", resumed, "--out", dir.File("x.safetensors")]);
        AssertUsageError(again, "--epochs 2", "total");
        var other = kind == "ae" ? "vae" : "ae";
        AssertUsageError(Run(["train", other, .. common, "--epochs", "3", "--resume", resumed, "--out", dir.File("x.safetensors")]), "--resume", $"'{kind}'");
        Assert.False(File.Exists(dir.File("x.safetensors")));
    }

    [Theory]
    [InlineData("iwae", "--samples", "3")]
    [InlineData("tcvae", "--alpha", "0.5")]
    public void A_vae_family_kind_trains_resumes_with_its_own_flag_and_eval_prints_log_p_x(string kind, string flag, string value)
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"));
        string[] common = ["--data", csv, "--batch-size", "32", "--hidden", "8", "--latent", "2", "--seed", "3", flag, value];
        var path = dir.File("m.safetensors");
        var r = Run(["train", kind, .. common, "--epochs", "1", "--out", path]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(kind, Models.KindOf(path));
        Assert.Equal(value, Models.Metadata(path)[flag.TrimStart('-')]);
        if (kind == "tcvae") Assert.Equal("192", Models.Metadata(path)["dataset_size"]);   // the CSV's training rows

        // A differing model flag is refused on resume; the same one continues.
        AssertUsageError(Run(["train", kind, .. common[..^1], "7", "--epochs", "2", "--resume", path, "--out", path, "--force"]), flag, "differs");
        Assert.Equal(0, Run(["train", kind, .. common, "--epochs", "2", "--resume", path, "--out", path, "--force"]).ExitCode);

        var e = Run("eval", path, "--data", csv, "--logpx-rows", "4", "--logpx-samples", "50");
        Assert.True(e.ExitCode == 0, e.ToString());
        Assert.Contains("log p(x) (IWAE k=50)", e.Out);
        Assert.Contains("first 4", e.Out);
        AssertUsageError(Run("eval", path, "--data", csv, "--logpx-samples", "0"), "--logpx-samples");
    }
}
