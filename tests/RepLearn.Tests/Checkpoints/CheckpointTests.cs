using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;
using RepLearn.Tests.Support;
using Snapshooter.Xunit;
using Xunit;

namespace RepLearn.Tests.Checkpoints;

public sealed class CheckpointTests : IDisposable
{
    private const string Kind = "tiny-mlp";
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static readonly TinyMlp Params = TinyMlp.Create(input: 5, hidden: 3);

    private string SaveTiny(string name = "m.safetensors", bool overwrite = false)
    {
        var path = temp.File(name);
        Checkpoint.Save(path, Kind, Params, TinyMlp.Hyper(5, 3), overwrite);
        return path;
    }

    private static LoadedCheckpoint<TinyMlp> LoadTiny(string path) => Checkpoint.Load(path, Kind, TinyMlp.FromHyper);

    private static long[] Bits<T>(T tree) where T : ITree<T> =>
        [.. Tree.Leaves(tree).SelectMany(l => l.Leaf.ToArray()).Select(BitConverter.DoubleToInt64Bits)];

    /// <summary>Writes a safetensors file with the given tensors and metadata (the checksum computed unless given).</summary>
    private string WriteRaw(string name, IReadOnlyList<SafetensorsTensor> tensors, Dictionary<string, string> metadata)
    {
        metadata.TryAdd("checksum", Safetensors.DataSha256(tensors));
        var path = temp.File(name);
        using var file = File.Create(path);
        Safetensors.Write(file, tensors, metadata);
        return path;
    }

    private static Dictionary<string, string> GoodMetadata(string kind = Kind) => new()
    {
        ["format"] = "replearn-checkpoint", ["format_version"] = "1", ["model_kind"] = kind, ["input"] = "5", ["hidden"] = "3",
    };

    private static string LoadFails(string path)
    {
        var e = Assert.Throws<InvalidDataException>(() => LoadTiny(path));
        Assert.StartsWith(path + ": ", e.Message);
        return e.Message;
    }

    [Fact]
    public void Save_then_load_is_bit_identical_and_returns_the_hyperparameters()
    {
        var path = SaveTiny();
        var (loaded, hyper) = LoadTiny(path);
        Assert.Equal(Bits(Params), Bits(loaded));
        Assert.Equal(TinyMlp.Hyper(5, 3).OrderBy(kv => kv.Key), hyper.OrderBy(kv => kv.Key));
        Assert.Equal(1, BitConverter.DoubleToInt64Bits(loaded.B0[0, 0]) >>> 63); // -0.0 survives
    }

    [Fact]
    public void Load_then_save_reproduces_the_file_byte_for_byte()
    {
        var first = SaveTiny("a.safetensors");
        var (loaded, hyper) = LoadTiny(first);
        var second = temp.File("b.safetensors");
        Checkpoint.Save(second, Kind, loaded, hyper);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Biases_are_stored_1d_and_weights_2d_with_checkpoint_metadata()
    {
        var file = Safetensors.Load(SaveTiny());
        Assert.Equal(["encoder.0.weight", "encoder.0.bias", "decoder.weight", "decoder.bias"], file.Tensors.Select(t => t.Name));
        Assert.Equal([[3, 5], [3], [5, 3], [5]], file.Tensors.Select(t => t.Shape.ToArray()));
        Assert.All(file.Tensors, t => Assert.Equal("F64", t.Dtype));
        Assert.Equal("replearn-checkpoint", file.Metadata["format"]);
        Assert.Equal("2", file.Metadata["format_version"]);
        Assert.Equal(Kind, file.Metadata["model_kind"]);
        Assert.Equal(CheckpointChecksum.Compute(file.Metadata, file.Tensors), file.Metadata["checksum"]);
        Assert.NotEqual(file.DataSha256, file.Metadata["checksum"]); // version 2 covers the metadata too
        Assert.Matches("^[0-9a-f]{64}$", file.Metadata["checksum"]);
    }

    [Fact]
    public void A_2d_bias_of_one_row_is_accepted_too()
    {
        var tensors = Checkpoint.ToTensors(Params).Select(t => SafetensorsTensor.Matrix(t.Name, t.Value)).ToList();
        var path = WriteRaw("torch2d.safetensors", tensors, GoodMetadata());
        Assert.Equal(Bits(Params), Bits(LoadTiny(path).Parameters));
    }

    [Fact]
    public void A_lone_tensor_is_named_value()
    {
        var path = temp.File("t.safetensors");
        var x = Tensor.FromRows([[1.0, 2.0], [3.0, 4.0]]);
        Checkpoint.Save(path, "matrix", x, new Dictionary<string, string>());
        Assert.Equal("value", Safetensors.Load(path).Tensors.Single().Name);
        Assert.Equal(x.ToArray(), Checkpoint.Load(path, "matrix", _ => Tensor.Zeros(2, 2)).Parameters.ToArray());
    }

    [Fact]
    public void Refuses_to_overwrite_unless_asked()
    {
        var path = SaveTiny();
        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<IOException>(() => Checkpoint.Save(path, Kind, TinyMlp.Zeros(5, 3), TinyMlp.Hyper(5, 3)));
        Assert.Contains(path, e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));

        Checkpoint.Save(path, Kind, TinyMlp.Zeros(5, 3), TinyMlp.Hyper(5, 3), overwrite: true);
        Assert.All(Tree.Leaves(LoadTiny(path).Parameters), l => Assert.All(l.Leaf.ToArray(), v => Assert.Equal(0.0, v)));
        Assert.Equal(["m.safetensors"], temp.FileNames());
    }

    [Fact]
    public void A_write_failing_midway_leaves_the_target_untouched_and_no_temp_file()
    {
        var path = SaveTiny();
        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, overwrite: true, stream =>
        {
            stream.Write(new byte[100_000]);
            stream.Flush();
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal("disk on fire", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["m.safetensors"], temp.FileNames());
    }

    [Fact]
    public void A_tree_whose_serialisation_throws_leaves_the_target_untouched_and_no_temp_file()
    {
        var path = SaveTiny();
        var before = File.ReadAllBytes(path);
        Assert.Throws<InvalidOperationException>(() =>
            Checkpoint.Save(path, Kind, new ThrowingTree(Tensor.Scalar(1)), new Dictionary<string, string>(), overwrite: true));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["m.safetensors"], temp.FileNames());
    }

    [Fact]
    public void A_missing_folder_fails_without_creating_anything()
    {
        Assert.Throws<DirectoryNotFoundException>(() => Checkpoint.Save(temp.File("no/such/m.safetensors"), Kind, Params, TinyMlp.Hyper(5, 3)));
        Assert.Empty(temp.FileNames());
    }

    [Fact]
    public void Save_validates_before_touching_the_disk()
    {
        var path = temp.File("x.safetensors");
        var nan = Tree.Map(Params, t => t == Params.W1 ? Tensor.Filled(5, 3, double.NaN) : t);
        Assert.Contains("'decoder.weight' has a non-finite value at (0, 0)",
            Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, Kind, nan, TinyMlp.Hyper(5, 3))).Message);
        Assert.Contains("'checksum' is reserved",
            Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, Kind, Params, new Dictionary<string, string> { ["checksum"] = "x" })).Message);
        Assert.Contains("not prefix-free: 'layer' is a prefix of 'layer.bias'",
            Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, Kind, new ClashingTree(Tensor.Scalar(1), Tensor.Scalar(2)), new Dictionary<string, string>())).Message);
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, "", Params, TinyMlp.Hyper(5, 3)));
        Assert.Empty(temp.FileNames());
    }

    [Fact]
    public void Format_level_errors_surface_from_load()
    {
        var bytes = File.ReadAllBytes(SaveTiny());
        Assert.Contains("data_offsets do not cover the buffer", LoadFails(temp.Write("trunc.safetensors", bytes[..^8])));
        Assert.Contains("file too short", LoadFails(temp.Write("tiny.safetensors", bytes[..4])));
    }

    [Fact]
    public void A_plain_safetensors_file_is_not_a_checkpoint() =>
        Assert.Contains("not a RepLearn checkpoint: metadata 'format' is missing",
            LoadFails(WriteRaw("plain.safetensors", Checkpoint.ToTensors(Params), [])));

    [Fact]
    public void An_unknown_format_version_is_rejected() =>
        Assert.Contains("unsupported format_version '3'",
            LoadFails(WriteRaw("v3.safetensors", Checkpoint.ToTensors(Params), new(GoodMetadata()) { ["format_version"] = "3" })));

    [Fact]
    public void The_model_kind_must_match()
    {
        var path = SaveTiny();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, "vae", TinyMlp.FromHyper));
        Assert.Contains("model kind mismatch: the file holds 'tiny-mlp', expected 'vae'", e.Message);
    }

    [Fact]
    public void Hyperparameters_that_build_no_model_are_reported()
    {
        var path = WriteRaw("h.safetensors", Checkpoint.ToTensors(Params), new(GoodMetadata()) { ["hidden"] = "three" });
        Assert.Contains("hyperparameters do not describe a 'tiny-mlp' model", LoadFails(path));
    }

    [Fact]
    public void A_missing_tensor_is_named() =>
        Assert.Contains("tensor 'decoder.bias' is missing",
            LoadFails(WriteRaw("missing.safetensors", [.. Checkpoint.ToTensors(Params).Take(3)], GoodMetadata())));

    [Fact]
    public void An_unexpected_tensor_is_named() =>
        Assert.Contains("unexpected tensor 'extra'",
            LoadFails(WriteRaw("extra.safetensors", [.. Checkpoint.ToTensors(Params), SafetensorsTensor.Matrix("extra", Tensor.Scalar(1))], GoodMetadata())));

    [Fact]
    public void A_shape_mismatch_is_named()
    {
        var tensors = Checkpoint.ToTensors(Params).Select(t => t.Name == "encoder.0.weight" ? SafetensorsTensor.Matrix(t.Name, Tensor.Zeros(5, 3)) : t).ToList();
        Assert.Contains("tensor 'encoder.0.weight': shape [5, 3] does not match the model's 3x5", LoadFails(WriteRaw("shape.safetensors", tensors, GoodMetadata())));
    }

    [Fact]
    public void A_corrupted_data_byte_fails_the_checksum()
    {
        var bytes = File.ReadAllBytes(SaveTiny());
        bytes[^3] ^= 0x01;
        Assert.Contains("checksum mismatch", LoadFails(temp.Write("flip.safetensors", bytes)));
    }

    [Fact]
    public void Checksum_must_be_present()
    {
        var path = temp.File("nosum.safetensors");
        using (var file = File.Create(path)) Safetensors.Write(file, Checkpoint.ToTensors(Params), GoodMetadata());
        Assert.Contains("metadata 'checksum' is missing", LoadFails(path));
    }

    [Fact]
    public void Non_finite_values_are_named()
    {
        var tensors = Checkpoint.ToTensors(Params).Select(t => t.Name == "decoder.bias" ? SafetensorsTensor.Vector(t.Name, Tensor.Create(1, 5, (_, c) => c == 2 ? double.PositiveInfinity : 0)) : t).ToList();
        Assert.Contains("tensor 'decoder.bias': non-finite value Infinity at (0, 2)", LoadFails(WriteRaw("inf.safetensors", tensors, GoodMetadata())));
    }

    [Fact]
    public void Json_header_of_a_small_fixed_checkpoint()
    {
        var tree = Tree.Map(TinyMlp.Create(input: 2, hidden: 1), t => Tensor.Create(t.Rows, t.Cols, (r, c) => r + 0.5 * c));
        using var stream = new MemoryStream();
        Checkpoint.Write(stream, Kind, tree, TinyMlp.Hyper(2, 1));
        var bytes = stream.ToArray();
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, n);
        using var doc = JsonDocument.Parse(header);
        Snapshot.Match(new
        {
            HeaderLength = n,
            Padding = header.Length - header.TrimEnd(' ').Length,
            Header = header.TrimEnd(' '),
            Pretty = JsonSerializer.Serialize(doc.RootElement, new JsonSerializerOptions { WriteIndented = true }).Split('\n'),
        });
    }
}
