using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>Data and file errors: a corrupt checkpoint or a malformed CSV exits 1 with one error line.</summary>
public sealed partial class CliTests
{
    // ---- data and file errors ---------------------------------------------------------------------

    [Fact]
    public void A_corrupt_checkpoint_given_to_eval_exits_1_with_one_error_line_naming_the_check()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"));
        var ckpt = dir.File("ae.safetensors");
        Assert.Equal(0, Run("train", "ae", "--data", csv, "--epochs", "1", "--hidden", "8", "--latent", "2", "--out", ckpt).ExitCode);
        var bytes = File.ReadAllBytes(ckpt);
        var end = bytes.Length;

        bytes[end - 2] ^= 0x01;   // a data byte: the checksum fails
        File.WriteAllBytes(ckpt, bytes);
        AssertDataError(Run("eval", ckpt, "--data", csv), "checksum mismatch", ckpt);

        File.WriteAllBytes(ckpt, bytes[..(end - 50)]);   // truncated
        AssertDataError(Run("eval", ckpt, "--data", csv), "data_offsets do not cover the buffer");
        AssertDataError(Run("plot", ckpt, "--data", csv, "--out", dir.File("plots")), "data_offsets do not cover the buffer");
        AssertDataError(Run("train", "ae", "--data", csv, "--resume", ckpt, "--out", dir.File("r.safetensors")), "data_offsets do not cover the buffer");
        Assert.False(File.Exists(dir.File("r.safetensors")));
    }

    [Fact]
    public void A_malformed_csv_exits_1_naming_the_line()
    {
        using var dir = new TempFolder();
        var csv = dir.File("bad.csv");
        File.WriteAllText(csv, "a,b\n0.1,0.2\n0.3\n");
        var r = Run("train", "ae", "--data", csv, "--out", dir.File("m.safetensors"));
        AssertDataError(r, csv, "line 3");
        Assert.False(File.Exists(dir.File("m.safetensors")));
    }
}
