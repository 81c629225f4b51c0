using System.Globalization;
using RepLearn.Functional.Checkpoints;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>Successful runs: train writes a loadable checkpoint and metrics, and eval and plot read what train wrote.</summary>
public sealed partial class CliTests
{
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
}
