using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Tensors;
using RepLearn.Tests.Facade;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Reliability;

/// <summary>
/// Format version 2: the checksum covers the metadata, so any changed metadata value is refused as a checksum
/// mismatch before it is used; format version 1 files still load, with a note saying their checksum covers the
/// tensors only.
/// </summary>
public sealed class CheckpointIntegrityTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string SavedVae(string name = "vae.safetensors")
    {
        var path = temp.File(name);
        var vae = new Vae(4, 2, [3], seed: 1, likelihood: Likelihood.Gaussian);
        vae.Fit([[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8], [0.9, 0.1, 0.2, 0.3]], new TrainOptions { Epochs = 1, BatchSize = 2 });
        vae.Save(path);
        return path;
    }

    [Fact]
    public void A_changed_decoder_log_var_is_a_checksum_mismatch()
    {
        var path = SavedVae();
        CheckpointEdits.RewriteMetadata(path, "decoder_log_var", "0", "1");
        var e = Assert.Throws<InvalidDataException>(() => Vae.Load(path));
        Assert.StartsWith(path + ": checksum mismatch: metadata says ", e.Message);
        Assert.Contains("the metadata, tensor entries and data hash to", e.Message);
        Assert.Equal(e.Message, Assert.Throws<InvalidDataException>(() => Models.Load(path)).Message);
    }

    /// <summary>A different value of the same kind: the next digit or letter at the last position.</summary>
    private static string Variant(string value)
    {
        if (value.Length == 0) return "1";
        var last = value[^1];
        var next = char.IsDigit(last) ? (char)('0' + (last - '0' + 1) % 10) : char.IsLetter(last) ? (last == 'z' ? 'a' : (char)(last + 1)) : '0';
        return value[..^1] + next;
    }

    [Theory]
    [MemberData(nameof(TinyModels.Kinds), MemberType = typeof(TinyModels))]
    public void Every_changed_metadata_value_of_every_kind_is_refused_naming_the_checksum(string kind)
    {
        var original = temp.File($"{kind}.safetensors");
        var model = TinyModels.Create(kind);
        model.Fit(TinyModels.Train[..64], TinyModels.Options());
        model.Save(original);
        var metadata = Safetensors.Load(original).Metadata;
        Assert.True(metadata.Count >= 10, string.Join(", ", metadata.Keys));
        foreach (var (key, value) in metadata)
        {
            if (key is "checksum" or "format") continue;
            var path = temp.File($"{kind}-{key}.safetensors");
            File.Copy(original, path);
            var variant = key == "format_version" ? "1" : Variant(value);
            CheckpointEdits.RewriteMetadata(path, key, value, variant);
            var e = Assert.Throws<InvalidDataException>(() => TinyModels.Load(kind, path));
            Assert.StartsWith($"{path}: checksum mismatch", e.Message);
        }
        File.Copy(original, temp.File("format.safetensors"));
        CheckpointEdits.RewriteMetadata(temp.File("format.safetensors"), "format", "replearn-checkpoint", "replearn-checkpoinu");
        Assert.Contains("not a RepLearn checkpoint", Assert.Throws<InvalidDataException>(() => TinyModels.Load(kind, temp.File("format.safetensors"))).Message);
    }

    [Fact]
    public void A_renamed_tensor_is_a_checksum_mismatch_too()
    {
        var path = SavedVae();
        var bytes = File.ReadAllBytes(path);
        var (json, _) = CheckpointEdits.Header(bytes);
        // Swap two names of the same shape: the data stays, so only a checksum over the entries can tell.
        var swapped = json.Replace("\"params.mean.weight\"", "\"SWAP\"").Replace("\"params.log_var.weight\"", "\"params.mean.weight\"").Replace("\"SWAP\"", "\"params.log_var.weight\"");
        Assert.NotEqual(json, swapped);
        File.WriteAllBytes(path, CheckpointEdits.WithHeader(bytes, swapped));
        Assert.StartsWith(path + ": checksum mismatch", Assert.Throws<InvalidDataException>(() => Vae.Load(path)).Message);
    }

    /// <summary>Turns a version-2 file into the version-1 file the previous library would have written: version "1", checksum = SHA-256 of the data.</summary>
    private static void Downgrade(string path)
    {
        var file = Safetensors.Load(path);
        var bytes = File.ReadAllBytes(path);
        var (json, _) = CheckpointEdits.Header(bytes);
        json = json.Replace(file.Metadata["checksum"], file.DataSha256).Replace("\"format_version\":\"2\"", "\"format_version\":\"1\"");
        File.WriteAllBytes(path, CheckpointEdits.WithHeader(bytes, json));
    }

    [Fact]
    public void A_version_1_file_loads_with_a_note()
    {
        var path = SavedVae();
        var expected = TinyModels.Bits(Vae.Load(path).Encode([[0.1, 0.2, 0.3, 0.4]]));
        Assert.Empty(Models.LoadNotes(path));
        Downgrade(path);
        Assert.Equal(expected, TinyModels.Bits(Vae.Load(path).Encode([[0.1, 0.2, 0.3, 0.4]])));
        var notes = Models.LoadNotes(path);
        Assert.Equal(["written by format version 1: its checksum covers the tensors only, not the metadata"], notes);
        Assert.True(notes is ICollection<string> { IsReadOnly: true });
    }

    [Fact]
    public void Core_load_results_carry_the_notes()
    {
        var path = temp.File("m.safetensors");
        var tree = Tensor.RowVector([1.0, 2.0]);
        Checkpoint.Save(path, "test", tree, new Dictionary<string, string> { ["width"] = "2" });
        var current = Checkpoint.Load(path, "test", _ => Tensor.Zeros(1, 2));
        Assert.Empty(current.Notes);
        Assert.True(current.Notes is ICollection<string> { IsReadOnly: true });
        Downgrade(path);
        var old = Checkpoint.Load(path, "test", _ => Tensor.Zeros(1, 2));
        Assert.Equal([Checkpoint.FormatVersion1Note], old.Notes);
        Assert.True(old.Notes is ICollection<string> { IsReadOnly: true });
        // A version-1 file's metadata is not covered: this edit goes unnoticed, which is what the note says.
        CheckpointEdits.RewriteMetadata(path, "width", "2", "3");
        Assert.Equal("3", Checkpoint.Load(path, "test", _ => Tensor.Zeros(1, 2)).Hyperparameters["width"]);
    }

    [Fact]
    public void The_version_2_checksum_is_the_documented_encoding()
    {
        var path = temp.File("m.safetensors");
        var tree = Tensor.FromRows([[1.0, -2.0], [0.5, 3.0]]);
        Checkpoint.Save(path, "doc", tree, new Dictionary<string, string> { ["b"] = "ß", ["a"] = "1" });
        var bytes = File.ReadAllBytes(path);
        var (_, dataStart) = CheckpointEdits.Header(bytes);
        using var encoding = new MemoryStream();
        void Number(long v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)v); encoding.Write(b); }
        void Text(string v) { var b = Encoding.UTF8.GetBytes(v); Number(b.Length); encoding.Write(b); }
        // Metadata other than the checksum, keys in ordinal order.
        (string, string)[] metadata = [("a", "1"), ("b", "ß"), ("format", "replearn-checkpoint"), ("format_version", "2"), ("model_kind", "doc")];
        Number(metadata.Length);
        foreach (var (k, v) in metadata) { Text(k); Text(v); }
        // One tensor: name, dtype, rank, dims, begin, end.
        Number(1);
        Text("value"); Text("F64"); Number(2); Number(2); Number(2); Number(0); Number(32);
        encoding.Write(bytes, dataStart, bytes.Length - dataStart);
        var expected = Convert.ToHexStringLower(SHA256.HashData(encoding.ToArray()));
        Assert.Equal(expected, Safetensors.Load(path).Metadata["checksum"]);
    }

    [Fact]
    public void A_checkpoint_read_from_a_stream_that_cannot_seek_checks_the_checksum_after_the_data()
    {
        var path = temp.File("m.safetensors");
        Checkpoint.Save(path, "test", Tensor.RowVector([1.0, 2.0]), new Dictionary<string, string> { ["width"] = "2" });
        LoadedCheckpoint<Tensor> ReadForwardOnly()
        {
            var bytes = File.ReadAllBytes(path);
            return Checkpoint.Read(new ForwardOnlyStream(new MemoryStream(bytes)), bytes.Length, "pipe", "test", _ => Tensor.Zeros(1, 2));
        }
        Assert.Equal([1.0, 2.0], ReadForwardOnly().Parameters.ToArray());
        CheckpointEdits.RewriteMetadata(path, "width", "2", "3");
        Assert.StartsWith("pipe: checksum mismatch", Assert.Throws<InvalidDataException>(ReadForwardOnly).Message);
    }
}
