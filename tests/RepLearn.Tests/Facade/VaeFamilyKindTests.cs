using RepLearn.Functional.Models;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>
/// The proof by addition: iwae and tcvae, each one core module plus one entry of the model table, are reachable from the
/// facade (Models.Create, Models.Load), save, load and resume bit for bit, and every VAE-family model estimates log p(x).
/// </summary>
public sealed class VaeFamilyKindTests
{
    private static readonly Dictionary<string, string> Small = new() { ["latent_dim"] = "4", ["hidden_dims"] = "32" };

    private static IRepresentationModel Build(string kind, long seed = 7) =>
        Models.Create(kind, Width, kind == "iwae" ? new Dictionary<string, string>(Small) { ["samples"] = "3" } : Small, seed, trainRows: Train.Length);

    [Theory]
    [InlineData("iwae")]
    [InlineData("tcvae")]
    public void Trains_saves_and_loads_through_the_table(string kind)
    {
        using var dir = new TempFolder();
        var m = Build(kind);
        Assert.Equal(kind, m.Kind);
        Assert.Equal(4, m.RepresentationDim);
        var report = m.Fit(Train, Test, Options());
        Assert.True(report.Completed);
        Assert.True(double.IsFinite(report.Epochs[0].TrainLoss) && report.Epochs[0].TestLoss is { } t && double.IsFinite(t));
        var path = dir.File("m.safetensors");
        m.Save(path);

        var meta = Models.Metadata(path);
        Assert.Equal(kind, meta["model_kind"]);
        if (kind == "iwae") Assert.Equal("3", meta["samples"]);
        else
        {
            Assert.Equal($"{Train.Length}", meta["dataset_size"]);   // derived from the training rows
            Assert.Equal("6", meta["beta"]);
            Assert.Equal("minibatchweighted", meta["estimator"]);
        }
        var loaded = Models.Load(path);
        Assert.Equal(kind, loaded.Kind);
        Assert.Equal(1, loaded.EpochsCompleted);
        Assert.Equal(Bits(m.Encode(Test)), Bits(loaded.Encode(Test)));
        Assert.Equal(Bits(m.Loss(Test)), Bits(loaded.Loss(Test)));
    }

    [Theory]
    [InlineData("iwae")]
    [InlineData("tcvae")]
    public void One_epoch_saved_loaded_and_one_more_equals_two_epochs_bit_for_bit(string kind)
    {
        using var dir = new TempFolder();
        var straight = Build(kind);
        straight.Fit(Train, Options(epochs: 2));
        var straightPath = dir.File("straight.safetensors");
        straight.Save(straightPath);

        var first = Build(kind);
        first.Fit(Train, Options());
        var path = dir.File("first.safetensors");
        first.Save(path);
        var resumed = Models.Load(path);
        resumed.Fit(Train, Options());
        var resumedPath = dir.File("resumed.safetensors");
        resumed.Save(resumedPath);

        AssertSameCheckpoint(straightPath, resumedPath);
    }

    [Fact]
    public void A_tcvae_needs_its_dataset_size_from_the_settings_or_the_training_rows()
    {
        Assert.Equal("dataset_size", Assert.ThrowsAny<ArgumentException>(() => Models.Create("tcvae", Width, Small)).ParamName);
        var given = Models.Create("tcvae", Width, new Dictionary<string, string>(Small) { ["dataset_size"] = "1000" }, trainRows: 5);
        using var dir = new TempFolder();
        given.Save(dir.File("t.safetensors"));
        Assert.Equal("1000", Models.Metadata(dir.File("t.safetensors"))["dataset_size"]);   // a given value wins over the rows
        Assert.Equal("Samples", Assert.ThrowsAny<ArgumentException>(() => Models.Create("iwae", Width, new Dictionary<string, string>(Small) { ["samples"] = "0" })).ParamName);
        Assert.Equal("Beta", Assert.ThrowsAny<ArgumentException>(() => Models.Create("tcvae", Width, new Dictionary<string, string>(Small) { ["beta"] = "-1" }, trainRows: 5)).ParamName);
    }

    [Theory]
    [InlineData("vae")]
    [InlineData("iwae")]
    [InlineData("tcvae")]
    public void Every_vae_family_model_estimates_log_p_x_and_k_samples_tighten_the_one_sample_bound(string kind)
    {
        IRepresentationModel m = kind == "vae" ? new Vae(Width, Latent, [Hidden], seed: 7) : Build(kind);
        m.Fit(Train, Options());
        Assert.True(m.HasLogMarginal());
        var rows = Test[..8];
        var logPx = m.LogMarginal(rows, samples: 200);
        Assert.Equal(8, logPx.Length);
        Assert.All(logPx, v => Assert.True(double.IsFinite(v) && v < 0, $"{v}"));
        Assert.Equal(logPx, m.LogMarginal(rows, samples: 200));                              // a pure function of model, rows, k, seed
        Assert.True(logPx.Average() > m.LogMarginal(rows, samples: 1).Average(), "L_200 > L_1 on average");
    }

    [Fact]
    public void A_model_without_a_density_has_no_log_p_x()
    {
        var ae = Create("ae");
        Assert.False(ae.HasLogMarginal());
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => ae.LogMarginal(Test[..2])).ParamName);
        Assert.Equal("samples", Assert.ThrowsAny<ArgumentException>(() => Create("vae").LogMarginal(Test[..2], samples: 0)).ParamName);
        Assert.False(ModelKinds.ContrastiveKind.HasLogMarginal);
        Assert.True(ModelKinds.IwaeKind.HasLogMarginal && ModelKinds.TcVaeKind.HasLogMarginal && ModelKinds.VaeKind.HasLogMarginal);
    }
}
