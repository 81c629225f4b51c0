using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Models;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>The strong image views and the projection head's width: chosen, saved, loaded; defaults keep old checkpoints' meaning.</summary>
public sealed class ContrastiveAugmentationTests
{
    private static ContrastiveEncoder Make(ImageAugmentation augmentation, int? head) =>
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
    public void Defaults_write_no_new_keys_and_differ_from_strong_views()
    {
        var plain = Make(ImageAugmentation.Default, null);
        plain.Fit(Train, Options(1));
        using var dir = new TempFolder();
        var path = dir.File("c.safetensors");
        plain.Save(path);
        var meta = ReadMetadata(path);
        Assert.False(meta.ContainsKey("augmentation"));
        Assert.False(meta.ContainsKey("projection_hidden_dim"));
        var strong = Make(ImageAugmentation.Strong, null);
        strong.Fit(Train, Options(1));
        Assert.NotEqual(Outputs(plain), Outputs(strong));
    }

    [Fact]
    public void Bad_choices_are_refused_naming_the_parameter()
    {
        Assert.Equal("augmentation", Assert.Throws<ArgumentOutOfRangeException>(() => Make((ImageAugmentation)7, null)).ParamName);
        Assert.Equal("projectionHiddenDim", Assert.Throws<ArgumentOutOfRangeException>(() => Make(ImageAugmentation.Default, 0)).ParamName);
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
