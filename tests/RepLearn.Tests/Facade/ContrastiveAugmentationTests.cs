using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Models;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>The strong image views and the projection head's width: chosen, saved, loaded; defaults keep old checkpoints' meaning.</summary>
public sealed class ContrastiveAugmentationTests
{
    private static ContrastiveEncoder Make(ImageAugmentation? augmentation, int head = Latent) =>
        new(Width, representationDim: Latent, projectionDim: 4, hiddenDims: [Hidden], temperature: 0.5, seed: 3, imageSide: 28,
            augmentation: augmentation, projectionHiddenDim: head);

    [Fact]
    public void Strong_views_and_a_wide_head_round_trip_through_a_checkpoint()
    {
        var enc = Make(ImageAugmentation.Strong, 16);
        enc.Fit(Train, Options(1));
        using var dir = new TempFolder();
        var path = dir.File("c.safetensors");
        enc.Save(path);
        var meta = ReadMetadata(path);
        Assert.Equal("strong", meta["augmentation"]);
        Assert.Equal("16", meta["projection_hidden_dim"]);
        var loaded = ContrastiveEncoder.Load(path);
        Assert.Equal(Outputs(enc), Outputs(loaded));
        // Two more epochs after loading draw the same strong views as three straight epochs.
        var straight = Make(ImageAugmentation.Strong, 16);
        straight.Fit(Train, Options(3));
        loaded.Fit(Train, Options(2));
        Assert.Equal(Outputs(straight), Outputs(loaded));
    }

    [Fact]
    public void Light_views_write_no_augmentation_key_and_differ_from_strong_views()
    {
        // Checkpoints from before the key existed mean the light views, so a light model's file says nothing new.
        var light = Make(ImageAugmentation.Light);
        light.Fit(Train, Options(1));
        using var dir = new TempFolder();
        var path = dir.File("c.safetensors");
        light.Save(path);
        Assert.False(ReadMetadata(path).ContainsKey("augmentation"));
        var strong = Make(ImageAugmentation.Strong);
        strong.Fit(Train, Options(1));
        Assert.NotEqual(Outputs(light), Outputs(strong));
    }

    [Fact]
    public void Images_default_to_the_strong_views_and_other_rows_to_the_tabular_ones()
    {
        using var dir = new TempFolder();
        var byDefault = Make(null);
        byDefault.Fit(Train, Options(1));
        byDefault.Save(dir.File("image.safetensors"));
        var strong = Make(ImageAugmentation.Strong);
        strong.Fit(Train, Options(1));
        Assert.Equal(Outputs(strong), Outputs(byDefault));
        Assert.Equal("strong", ReadMetadata(dir.File("image.safetensors"))["augmentation"]);
        var tabular = new ContrastiveEncoder(Width, seed: 3);
        tabular.Save(dir.File("rows.safetensors"));
        var meta = ReadMetadata(dir.File("rows.safetensors"));
        Assert.False(meta.ContainsKey("augmentation"));
        Assert.Equal(("2048", "256", "64", "0.2"), (meta["hidden_dims"], meta["projection_hidden_dim"], meta["projection_dim"], meta["temperature"]));
    }

    [Fact]
    public void Bad_choices_are_refused_naming_the_parameter()
    {
        Assert.Equal("augmentation", Assert.Throws<ArgumentOutOfRangeException>(() => Make((ImageAugmentation)7)).ParamName);
        Assert.Equal("projectionHiddenDim", Assert.Throws<ArgumentOutOfRangeException>(() => Make(ImageAugmentation.Light, 0)).ParamName);
        // Rows that are not images get tabular views: asking for strong image views there is refused, not ignored.
        var tabular = Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveEncoder(Width, seed: 1, augmentation: ImageAugmentation.Strong));
        Assert.Contains("square images", tabular.Message);
    }

    private static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        using var stream = File.OpenRead(path);
        return Safetensors.ReadHeader(stream, stream.Length, path).Metadata;
    }
}
