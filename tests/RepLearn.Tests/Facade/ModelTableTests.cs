using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Models;
using RepLearn.Functional.Optim;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>
/// The core's model table is what the facade and CLI read: building a model from its settings (as the CLI does) equals
/// the constructor, every kind is in the table, and the optimizer recipe chosen in TrainOptions is recorded and kept.
/// </summary>
public sealed class ModelTableTests
{
    private static readonly Dictionary<string, string> Small = new() { ["latent_dim"] = "4", ["representation_dim"] = "4", ["hidden_dims"] = "32" };

    [Fact]
    public void Every_facade_kind_is_in_the_table()
    {
        Assert.Equal(["ae", "dae", "vae", "iwae", "tcvae", "contrastive"], Models.Kinds);
        foreach (var kind in ModelKinds.All) Assert.Contains(kind.Settings, s => s.Flag == "--hidden");
    }

    [Theory]
    [InlineData("ae")]
    [InlineData("dae")]
    [InlineData("vae")]
    public void Create_from_settings_equals_the_constructor(string kind)
    {
        var built = Models.Create(kind, Width, Small, seed: 7);
        var constructed = Create(kind);
        Assert.Equal(constructed.GetType(), built.GetType());
        Assert.Equal(Bits(constructed.Encode(Test)), Bits(built.Encode(Test)));
        Assert.Equal(Bits(constructed.Loss(Test)), Bits(built.Loss(Test)));
    }

    [Fact]
    public void Create_names_a_bad_setting_by_its_key_or_field()
    {
        Assert.Equal("latent_dim", Assert.ThrowsAny<ArgumentException>(() => Models.Create("vae", 4, new Dictionary<string, string> { ["latent_dim"] = "x" })).ParamName);
        Assert.Equal("LatentDim", Assert.ThrowsAny<ArgumentException>(() => Models.Create("vae", 4, new Dictionary<string, string> { ["latent_dim"] = "0" })).ParamName);
        Assert.Equal("kind", Assert.ThrowsAny<ArgumentException>(() => Models.Create("nope", 4, new Dictionary<string, string>())).ParamName);
    }

    [Fact]
    public void A_fresh_contrastive_model_takes_the_measured_recipe_and_auto_views_follow_the_data()
    {
        var rows = ModelKinds.ContrastiveKind.SettingsFor(16, null, new Dictionary<string, string> { ["representation_dim"] = "9" });
        Assert.Equal(("2048", "256", "64", "0.2", "0"),
            (rows["hidden_dims"], rows["projection_hidden_dim"], rows["projection_dim"], rows["temperature"], rows["image_side"]));
        Assert.False(rows.ContainsKey("augmentation"));   // rows that are not images: the tabular views, as before the key existed
        Assert.Equal("strong", ModelKinds.ContrastiveKind.SettingsFor(784, 28, new Dictionary<string, string>())["augmentation"]);
        var light = ModelKinds.ContrastiveKind.SettingsFor(784, 28, new Dictionary<string, string> { ["augmentation"] = "light" });
        Assert.Equal(ImageAugmentation.Light, ModelKinds.ContrastiveKind.FromMetadata(new CheckpointMetadata(light, "settings")).Augmentation);
    }

    [Fact]
    public void The_optimizer_choice_is_recorded_and_resumes_bit_for_bit()
    {
        using var dir = new TempFolder();
        var momentum = new TrainOptions { Epochs = 1, BatchSize = 32, LearningRate = 1e-2, Optimizer = OptimizerKind.Momentum };
        var straight = new Autoencoder(Width, Latent, [Hidden], seed: 5);
        straight.Fit(Train, new TrainOptions { Epochs = 2, BatchSize = 32, LearningRate = 1e-2, Optimizer = OptimizerKind.Momentum });

        var first = new Autoencoder(Width, Latent, [Hidden], seed: 5);
        first.Fit(Train, momentum);
        var path = dir.File("m.safetensors");
        first.Save(path);
        Assert.Equal("momentum", Models.Metadata(path)["optimizer"]);
        Assert.Equal(OptimizerKind.Momentum, Models.SavedTrainOptions(path)!.Optimizer);
        var resumed = Autoencoder.Load(path);
        resumed.Fit(Train, momentum);
        Assert.Equal(Bits(straight.Encode(Test)), Bits(resumed.Encode(Test)));

        Assert.Equal("options", Assert.Throws<ArgumentException>(() => resumed.Fit(Train, Options())).ParamName);
    }

    [Fact]
    public void An_adam_checkpoint_does_not_record_the_optimizer_key()
    {
        using var dir = new TempFolder();
        var m = Create("ae");
        m.Fit(Train, Options());
        var path = dir.File("m.safetensors");
        m.Save(path);
        Assert.False(Models.Metadata(path).ContainsKey("optimizer"));
        Assert.Equal(OptimizerKind.Adam, Models.SavedTrainOptions(path)!.Optimizer);
    }
}
