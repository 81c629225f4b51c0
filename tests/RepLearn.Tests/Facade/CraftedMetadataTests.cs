using System.Buffers.Binary;
using System.Text;
using RepLearn;
using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary>
/// Metadata is untrusted input: a small file whose hyperparameters describe a huge model, or hold out-of-range
/// values, is refused with one InvalidDataException before any model is built (regression: a 300-byte file made
/// the loader allocate ~24 GB).
/// </summary>
public class CraftedMetadataTests
{
    private static readonly double[][] Data = Enumerable.Range(0, 16)
        .Select(i => Enumerable.Range(0, 4).Select(j => ((i + j) % 5) / 4.0).ToArray()).ToArray();

    /// <summary>
    /// Rewrites one metadata value of a safetensors file, keeping the data intact, then re-signs the file with the
    /// checksum of its new metadata (format version 2 covers the metadata), as a deliberate forger would: so what is
    /// tested here is the check behind the checksum, not the checksum.
    /// </summary>
    private static void RewriteMetadata(string path, string key, string oldValue, string newValue)
    {
        RewriteUnsigned(path, key, oldValue, newValue);
        RepLearn.Tests.Reliability.CheckpointEdits.Resign(path);
    }

    private static void RewriteUnsigned(string path, string key, string oldValue, string newValue)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength).TrimEnd();
        var edited = header.Replace($"\"{key}\":\"{oldValue}\"", $"\"{key}\":\"{newValue}\"");
        Assert.NotEqual(header, edited);
        while ((Encoding.UTF8.GetByteCount(edited) % 8) != 0) edited += " ";
        var newHeader = Encoding.UTF8.GetBytes(edited);
        using var output = new MemoryStream();
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)newHeader.Length);
        output.Write(prefix);
        output.Write(newHeader);
        output.Write(bytes, 8 + headerLength, bytes.Length - 8 - headerLength);
        File.WriteAllBytes(path, output.ToArray());
    }

    private static string SavedVae()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replearn-crafted-{Guid.NewGuid():N}.safetensors");
        new Vae(inputDim: 4, latentDim: 2, hiddenDims: [3], seed: 1).Save(path);
        return path;
    }

    [Fact]
    public void Metadata_describing_a_huge_model_is_refused_before_allocating_it()
    {
        var path = SavedVae();
        try
        {
            RewriteMetadata(path, "hidden_dims", "3", "2000000");
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var e = Assert.Throws<InvalidDataException>(() => Vae.Load(path));
            Assert.Contains("parameters", e.Message);
            Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64L << 20, "the loader allocated more than 64 MB");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("beta", "1", "-1")]
    [InlineData("latent_dim", "2", "0")]
    [InlineData("epochs_completed", "0", "-3")]
    public void Out_of_range_hyperparameters_are_invalid_data(string key, string oldValue, string newValue)
    {
        var path = SavedVae();
        try
        {
            RewriteMetadata(path, key, oldValue, newValue);
            var e = Assert.Throws<InvalidDataException>(() => Vae.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
