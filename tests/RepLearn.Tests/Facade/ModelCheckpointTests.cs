using System.Buffers.Binary;
using System.Collections.Concurrent;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>
/// Damaged or mismatched checkpoints given to the facade's Load throw <see cref="InvalidDataException"/> whose
/// message names the failed check; Save refuses to overwrite unless asked and never leaves a partial file.
/// </summary>
public sealed class ModelCheckpointTests
{
    /// <summary>The checkpoint bytes of a model of each kind trained for one epoch (so with optimizer state), made once.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> trained = new();

    private static string Saved(TempFolder dir, string kind, string name = "m.safetensors")
    {
        var bytes = trained.GetOrAdd(kind, k => new Lazy<byte[]>(() =>
        {
            using var scratch = new TempFolder();
            var m = Create(k);
            m.Fit(Train, Options());
            m.Save(scratch.File("m.safetensors"));
            return File.ReadAllBytes(scratch.File("m.safetensors"));
        })).Value;
        return dir.Write(name, bytes);
    }

    private static InvalidDataException LoadFails(string kind, string path)
    {
        var e = Assert.Throws<InvalidDataException>(() => Load(kind, path));
        Assert.StartsWith(path, e.Message);   // the message names the file
        var any = Assert.Throws<InvalidDataException>(() => Models.Load(path));
        Assert.Equal(e.Message, any.Message);
        return e;
    }

    private static long HeaderEnd(byte[] bytes) => 8 + (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void A_truncated_checkpoint_is_rejected_naming_the_check(string kind)
    {
        using var dir = new TempFolder();
        var path = Saved(dir, kind);
        var bytes = File.ReadAllBytes(path);

        // Cut in the data buffer: the offsets no longer cover it.
        File.WriteAllBytes(path, bytes[..^100]);
        Assert.Contains("data_offsets do not cover the buffer", LoadFails(kind, path).Message);

        // Cut in the header: the declared header length runs past the end of the file.
        File.WriteAllBytes(path, bytes[..(int)(HeaderEnd(bytes) - 10)]);
        Assert.Contains("header length", LoadFails(kind, path).Message);
        Assert.Contains("out of bounds", LoadFails(kind, path).Message);

        // Cut inside the length prefix, and an empty file.
        File.WriteAllBytes(path, bytes[..5]);
        Assert.Contains("file too short", LoadFails(kind, path).Message);
        File.WriteAllBytes(path, []);
        Assert.Contains("file too short", LoadFails(kind, path).Message);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void A_flipped_data_byte_fails_the_checksum(string kind)
    {
        using var dir = new TempFolder();
        var path = Saved(dir, kind);
        var bytes = File.ReadAllBytes(path);
        var position = (int)HeaderEnd(bytes) + 3;   // the low bytes of the first stored double: a finite value stays finite
        bytes[position] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var e = LoadFails(kind, path);
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void A_flipped_byte_in_the_header_is_caught_by_a_header_check()
    {
        using var dir = new TempFolder();
        var path = Saved(dir, "ae");
        var bytes = File.ReadAllBytes(path);
        bytes[8] = (byte)'[';   // the JSON header no longer starts an object
        File.WriteAllBytes(path, bytes);
        Assert.Contains("header", LoadFails("ae", path).Message);
    }

    [Theory]
    [InlineData("vae", "ae")]
    [InlineData("vae", "dae")]
    [InlineData("vae", "contrastive")]
    [InlineData("ae", "vae")]
    [InlineData("ae", "dae")]
    [InlineData("dae", "ae")]
    [InlineData("contrastive", "vae")]
    public void Loading_one_kind_as_another_is_a_kind_mismatch(string saved, string loadedAs)
    {
        using var dir = new TempFolder();
        var path = Saved(dir, saved);
        var e = Assert.Throws<InvalidDataException>(() => Load(loadedAs, path));
        Assert.Contains("model kind mismatch", e.Message);
        Assert.Contains($"'{saved}'", e.Message);
        Assert.Contains($"'{loadedAs}'", e.Message);
        // Models.Load reads the kind from the file, so it succeeds.
        Assert.Equal(saved, Models.Load(path).Kind);
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_rejected()
    {
        using var dir = new TempFolder();
        var path = dir.Write("notes.safetensors", "hello, this is not a checkpoint at all"u8.ToArray());
        Assert.IsType<InvalidDataException>(Record.Exception(() => Models.Load(path)));
        Assert.IsType<InvalidDataException>(Record.Exception(() => Models.KindOf(path)));
        Assert.IsType<InvalidDataException>(Record.Exception(() => Vae.Load(path)));
        Assert.Throws<FileNotFoundException>(() => Vae.Load(dir.File("missing.safetensors")));
    }

    // ---- overwriting -------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void Save_refuses_to_overwrite_unless_asked_and_leaves_the_file_intact(string kind)
    {
        using var dir = new TempFolder();
        var path = Saved(dir, kind);
        var original = File.ReadAllBytes(path);
        var other = Create(kind, seed: 99);

        var e = Assert.Throws<IOException>(() => other.Save(path));
        Assert.Contains("already exists", e.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(["m.safetensors"], dir.FileNames());   // no temporary file left behind

        other.Save(path, overwrite: true);
        Assert.NotEqual(original, File.ReadAllBytes(path));
        Assert.Equal(Outputs(other), Outputs(Load(kind, path)));
        Assert.Equal(["m.safetensors"], dir.FileNames());
    }

    [Fact]
    public void Save_into_a_missing_folder_fails_without_creating_anything()
    {
        using var dir = new TempFolder();
        Assert.ThrowsAny<IOException>(() => Create("ae").Save(Path.Combine(dir.Path, "no-such-folder", "m.safetensors")));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
