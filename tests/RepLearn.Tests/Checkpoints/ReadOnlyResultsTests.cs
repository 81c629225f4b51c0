using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Checkpoints;

/// <summary>What loading returns cannot be modified by casting a read-only interface back to its collection.</summary>
public class ReadOnlyResultsTests
{
    [Fact]
    public void Loaded_headers_files_and_hyperparameters_are_read_only()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replearn-ro-{Guid.NewGuid():N}.safetensors");
        try
        {
            var tree = Tensor.RowVector([1.0, 2.0]);
            Checkpoint.Save(path, "test", tree, new Dictionary<string, string> { ["width"] = "2" });
            var file = Safetensors.Load(path);
            Assert.True(file.Tensors is ICollection<SafetensorsTensor> { IsReadOnly: true });
            Assert.True(file.Metadata is ICollection<KeyValuePair<string, string>> { IsReadOnly: true });
            using var stream = File.OpenRead(path);
            var header = Safetensors.ReadHeader(stream, stream.Length, path);
            Assert.True(header.Entries is ICollection<SafetensorsEntry> { IsReadOnly: true });
            var loaded = Checkpoint.Load(path, "test", _ => Tensor.Zeros(1, 2));
            Assert.True(loaded.Hyperparameters is ICollection<KeyValuePair<string, string>> { IsReadOnly: true });
            Assert.Equal("2", loaded.Hyperparameters["width"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
