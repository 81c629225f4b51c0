using RepLearn.Tests.Export;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>replearn export end to end: the file is written and runs in onnxruntime; errors name the flag, exit 2, leave files alone.</summary>
[Collection("Console")]
public sealed class CliExportTests
{
    private static string Checkpoint(TempFolder dir, IRepresentationModel model)
    {
        var path = dir.File($"{model.Kind}.safetensors");
        model.Save(path);
        return path;
    }

    private static void AssertUsageError(CliResult r, params string[] fragments)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        var error = Assert.Single(r.ErrLines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.All(fragments, f => Assert.Contains(f, error));
        Assert.Contains(r.ErrLines, l => l.StartsWith("usage: replearn export", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    [Theory]
    [InlineData("encoder", "float32")]
    [InlineData("decoder", "float64")]
    public void Export_writes_a_file_onnxruntime_runs(string part, string dtype)
    {
        using var dir = new TempFolder();
        var model = new Vae(16, 3, [8], seed: 2);
        var output = dir.File("m.onnx");
        var r = Run("export", Checkpoint(dir, model), "--onnx", output, "--part", part, "--dtype", dtype);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"wrote {output}: vae {part}, {dtype}", r.Out);
        var x = Enumerable.Range(0, 10).Select(i => Enumerable.Range(0, 16).Select(j => (i * 16 + j) % 7 / 7.0).ToArray()).ToArray();
        var (input, expected) = part == "encoder" ? (x, model.Encode(x)) : (model.Encode(x), model.Decode(model.Encode(x)));
        var (maxAbs, _) = OnnxRuntimeRunner.Differences(expected, OnnxRuntimeRunner.Run(output, input), floor: 1e-8);
        Assert.True(maxAbs < 1e-5, $"max |diff| {maxAbs:E2}");
    }

    [Fact]
    public void An_existing_file_is_refused_without_force_and_replaced_with_it()
    {
        using var dir = new TempFolder();
        var checkpoint = Checkpoint(dir, new Autoencoder(16, 2, [8]));
        var existing = dir.Write("m.onnx", [1, 2, 3]);
        AssertUsageError(Run("export", checkpoint, "--onnx", existing), "--onnx", existing, "--force");
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(existing));
        var r = Run("export", checkpoint, "--onnx", existing, "--force");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(new FileInfo(existing).Length > 100);
    }

    [Fact]
    public void A_bad_part_or_dtype_is_named()
    {
        using var dir = new TempFolder();
        var checkpoint = Checkpoint(dir, new Autoencoder(16, 2, [8]));
        AssertUsageError(Run("export", checkpoint, "--onnx", dir.File("m.onnx"), "--part", "middle"), "--part", "middle", "encoder or decoder");
        AssertUsageError(Run("export", checkpoint, "--onnx", dir.File("m.onnx"), "--dtype", "half"), "--dtype", "half", "float32 or float64");
        Assert.False(File.Exists(dir.File("m.onnx")));
    }

    [Fact]
    public void A_contrastive_decoder_missing_onnx_or_checkpoint_and_the_checkpoint_as_output_are_refused()
    {
        using var dir = new TempFolder();
        var contrastive = Checkpoint(dir, new ContrastiveEncoder(16, 4, 2, [8]));
        AssertUsageError(Run("export", contrastive, "--onnx", dir.File("d.onnx"), "--part", "decoder"), "--part decoder", "contrastive", "no decoder");
        AssertUsageError(Run("export", contrastive), "--onnx");
        AssertUsageError(Run("export", dir.File("none.safetensors"), "--onnx", dir.File("d.onnx")), "none.safetensors", "no such file");
        AssertUsageError(Run("export", contrastive, "--onnx", contrastive, "--force"), "--onnx", "same file");
        Assert.False(File.Exists(dir.File("d.onnx")));
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_exits_1_with_one_line()
    {
        using var dir = new TempFolder();
        var bad = dir.Write("bad.safetensors", [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var r = Run("export", bad, "--onnx", dir.File("m.onnx"));
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.StartsWith("error:", Assert.Single(r.ErrLines));
        Assert.False(File.Exists(dir.File("m.onnx")));
    }

    [Fact]
    public void Help_lists_the_flags()
    {
        var r = Run("export", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var flag in new[] { "--onnx", "--part", "--dtype", "--force" }) Assert.Contains(flag, r.Out);
    }
}
