using RepLearn.Tests.Facade;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Export;

/// <summary>The facade's ExportOnnx: what it refuses (naming the parameter), overwriting, and a loaded checkpoint exporting the same file.</summary>
public sealed class OnnxFacadeTests
{
    [Fact]
    public void A_contrastive_decoder_is_refused_naming_part()
    {
        using var folder = new TempFolder();
        var model = TinyModels.Create("contrastive");
        var e = Assert.Throws<ArgumentException>(() => model.ExportOnnx(folder.File("d.onnx"), OnnxPart.Decoder));
        Assert.Equal("part", e.ParamName);
        Assert.Contains("no decoder", e.Message);
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void Undefined_enum_values_are_refused_naming_the_parameter()
    {
        using var folder = new TempFolder();
        var model = new Autoencoder(8, 2, [4]);
        Assert.Equal("part", Assert.Throws<ArgumentOutOfRangeException>(() => model.ExportOnnx(folder.File("m.onnx"), (OnnxPart)7)).ParamName);
        Assert.Equal("elementType", Assert.Throws<ArgumentOutOfRangeException>(() => model.ExportOnnx(folder.File("m.onnx"), elementType: (OnnxElementType)7)).ParamName);
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void An_existing_file_is_kept_unless_overwrite()
    {
        using var folder = new TempFolder();
        var model = new Vae(8, 2, [4]);
        var path = folder.Write("m.onnx", [9, 9]);
        Assert.Throws<IOException>(() => model.ExportOnnx(path));
        Assert.Equal(new byte[] { 9, 9 }, File.ReadAllBytes(path));
        model.ExportOnnx(path, overwrite: true);
        Assert.True(new FileInfo(path).Length > 100);
        Assert.Equal(["m.onnx"], folder.FileNames());
    }

    [Theory]
    [MemberData(nameof(TinyModels.Kinds), MemberType = typeof(TinyModels))]
    public void A_loaded_checkpoint_exports_the_same_file(string kind)
    {
        using var folder = new TempFolder();
        var model = TinyModels.Create(kind);
        model.Save(folder.File("m.safetensors"));
        model.ExportOnnx(folder.File("a.onnx"));
        Models.Load(folder.File("m.safetensors")).ExportOnnx(folder.File("b.onnx"));
        Assert.Equal(File.ReadAllBytes(folder.File("a.onnx")), File.ReadAllBytes(folder.File("b.onnx")));
    }
}
