using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RepLearn.Cli;
using RepLearn.Functional.Checkpoints;
using RepLearn.Tests.Support;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>
/// The replearn CLI run in-process: argument errors exit 2 with one "error:" line naming the flag and value plus a
/// usage line and no stack trace; data and file errors exit 1; train writes a loadable checkpoint and a metrics
/// file, resumes bit-exactly, and eval and plot read what train wrote.
/// </summary>
[Collection("Console")]
public sealed class CliTests
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

    // ---- a successful run --------------------------------------------------------------------------

    [Fact]
    public void Train_on_a_csv_writes_a_loadable_checkpoint_and_metrics_without_test_loss()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"));
        var (ckpt, metrics) = (dir.File("ae.safetensors"), dir.File("ae.jsonl"));
        var r = Run("train", "ae", "--data", csv, "--epochs", "2", "--batch-size", "32", "--hidden", "8", "--latent", "2", "--seed", "5",
            "--out", ckpt, "--metrics", metrics);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Err);
        Assert.Contains("epoch   1", r.Out);
        Assert.Contains("epoch   2", r.Out);

        var model = Assert.IsType<Autoencoder>(Models.Load(ckpt));
        Assert.Equal(16, model.InputDim);
        Assert.Equal(2, model.LatentDim);
        Assert.Equal(2, model.EpochsCompleted);
        Assert.Equal("5", Safetensors.Load(ckpt).Metadata["seed"]);

        var lines = MetricsLines(metrics);
        Assert.Equal(2, lines.Length);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(i + 1, lines[i].GetProperty("epoch").GetInt32());
            Assert.True(double.IsFinite(lines[i].GetProperty("train_loss").GetDouble()));
            Assert.True(lines[i].GetProperty("seconds").GetDouble() >= 0);
            Assert.False(lines[i].TryGetProperty("test_loss", out _), "a CSV has no test split, so no test_loss");
        }
        Assert.True(lines[1].GetProperty("train_loss").GetDouble() < lines[0].GetProperty("train_loss").GetDouble());
    }

    [Fact]
    public void Train_on_an_image_folder_with_a_test_split_reports_test_loss_then_eval_and_plot_read_the_checkpoint()
    {
        using var dir = new TempFolder();
        var images = WriteImageFolder(dir.File("images"));
        var (ckpt, metrics) = (dir.File("vae.safetensors"), dir.File("vae.jsonl"));
        var r = Run("train", "vae", "--data", images, "--epochs", "2", "--batch-size", "32", "--hidden", "16", "--latent", "3",
            "--out", ckpt, "--metrics", metrics);
        Assert.True(r.ExitCode == 0, r.ToString());

        var lines = MetricsLines(metrics);
        Assert.Equal([1, 2], lines.Select(l => l.GetProperty("epoch").GetInt32()));
        Assert.All(lines, l =>
        {
            Assert.True(double.IsFinite(l.GetProperty("train_loss").GetDouble()));
            Assert.True(double.IsFinite(l.GetProperty("test_loss").GetDouble()));
            Assert.True(l.GetProperty("seconds").GetDouble() >= 0);
        });
        var vae = Assert.IsType<Vae>(Models.Load(ckpt));
        var data = Datasets.LoadMnistFolder(images);
        // The last epoch's test loss is the saved model's negative ELBO on the test split.
        Assert.Equal(vae.NegativeElbo(data.Test!), lines[1].GetProperty("test_loss").GetDouble());

        // eval prints the test loss (and, with labels, the probe figures and the VAE diagnostics).
        var e = Run("eval", ckpt, "--data", images);
        Assert.True(e.ExitCode == 0, e.ToString());
        Assert.Contains("negative ELBO (nats) on the test data", e.Out);
        Assert.Contains(vae.NegativeElbo(data.Test!).ToString("F3", CultureInfo.InvariantCulture), e.Out);
        Assert.Contains("linear-probe accuracy", e.Out);
        Assert.Contains("active units", e.Out);

        // plot writes PNG files.
        var plots = dir.File("plots");
        var p = Run("plot", ckpt, "--data", images, "--out", plots, "--metrics", metrics);
        Assert.True(p.ExitCode == 0, p.ToString());
        var expected = new[] { "latent-scatter.png", "loss-curve.png", "reconstructions.png", "traversals.png" };
        Assert.Equal(expected, Directory.GetFiles(plots).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        foreach (var name in expected)
        {
            var bytes = File.ReadAllBytes(Path.Combine(plots, name));
            Assert.True(bytes.Length > 1000, $"{name} has only {bytes.Length} bytes");
            Assert.Equal(signature, bytes[..8]);
            Assert.Contains(Path.Combine(plots, name), p.Out);
        }
    }

    [Fact]
    public void Eval_of_a_csv_model_prints_the_loss_on_the_rows()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"));
        var ckpt = dir.File("dae.safetensors");
        Assert.Equal(0, Run("train", "dae", "--data", csv, "--epochs", "1", "--hidden", "8", "--latent", "2", "--out", ckpt).ExitCode);
        var r = Run("eval", ckpt, "--data", csv);
        Assert.True(r.ExitCode == 0, r.ToString());
        var expected = Models.Load(ckpt).Loss(Datasets.LoadCsv(csv).Train);
        Assert.Contains("loss on the training data (no test split)", r.Out);   // a CSV has no test split
        Assert.Contains(expected.ToString("F3", CultureInfo.InvariantCulture), r.Out);
        Assert.DoesNotContain("linear-probe", r.Out);   // no labels

        // Data of the wrong width is a usage error naming both widths.
        var images = WriteImageFolder(dir.File("images"), train: 8, test: 4);
        AssertUsageError(Run("eval", ckpt, "--data", images), "64", "16");
    }

    // ---- resuming ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ae")]
    [InlineData("vae")]
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

    // ---- snapshots ---------------------------------------------------------------------------------

    [Fact]
    public void Metrics_line_format()
    {
        var metrics = new Dictionary<string, double> { ["reconstruction"] = 88.5, ["kl"] = 12.625 };
        var lines = new[]
        {
            MetricsWriter.Line(new EpochReport(3, 101.25, 99.5, 1.234567891, metrics)),
            MetricsWriter.Line(new EpochReport(1, 0.1 + 0.2, null, 0.00004, new Dictionary<string, double>())),
        };
        Snapshot.Match(lines, new SnapshotFullName($"{nameof(CliTests)}.{nameof(Metrics_line_format)}.snap", SourceFolder()));
    }

    [Fact]
    public void Eval_figure_names()
    {
        var data = Datasets.Shapes(64, 16, seed: 1);
        var figures = new Dictionary<string, string[]>();
        foreach (IRepresentationModel m in new IRepresentationModel[]
        {
            new Vae(784, 2, [8], seed: 1),
            new Autoencoder(784, 2, [8], seed: 1),
            new DenoisingAutoencoder(784, 2, hiddenDims: [8], seed: 1),
            new ContrastiveEncoder(784, representationDim: 2, projectionDim: 2, hiddenDims: [8], seed: 1),
        })
        {
            figures[m.Kind] = [.. EvalCommand.Evaluate(m, data, seed: 1).Select(f => f.Figure)];
        }
        figures["vae without labels"] = [.. EvalCommand.Evaluate(new Vae(784, 2, [8], seed: 1), data with { TrainLabels = null, TestLabels = null }, seed: 1).Select(f => f.Figure)];
        Snapshot.Match(figures, new SnapshotFullName($"{nameof(CliTests)}.{nameof(Eval_figure_names)}.snap", SourceFolder()));
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
