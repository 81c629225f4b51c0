using System.Buffers.Binary;
using System.IO.Compression;
using FsCheck.Xunit;
using RepLearn.Functional.Data;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Reliability;

/// <summary>
/// Fuzzing the loaders with random edits of small valid files (bit flips, truncation, insertion, overwritten bytes,
/// size fields set to awkward values): every edited file either loads as a valid model or array, or throws
/// <see cref="InvalidDataException"/>, never another exception type; and no load allocates more than 64 MB on its
/// thread, whatever the file declares.
/// </summary>
[Properties(Arbitrary = [typeof(MutationGens)], MaxTest = 250, Replay = Seeds.Replay)]
public class FileFuzzProperties
{
    private const long AllocationBound = 64L << 20;

    private static readonly double[][] Rows = [.. Enumerable.Range(0, 6).Select(i => Enumerable.Range(0, 9).Select(j => ((i * 5 + j * 3) % 10) / 10.0).ToArray())];

    /// <summary>Small trained checkpoints (so with optimizer state and training options): a VAE and a contrastive encoder on 3 x 3 images.</summary>
    private static readonly Lazy<byte[][]> Checkpoints = new(() =>
    {
        IRepresentationModel[] models =
        [
            new Vae(9, 2, [3], seed: 1),
            new ContrastiveEncoder(9, representationDim: 2, projectionDim: 2, hiddenDims: [3], seed: 1, imageSide: 3),
        ];
        return [.. models.Select(m =>
        {
            m.Fit(Rows, new TrainOptions { Epochs = 1, BatchSize = 4 });
            var path = Path.Combine(Path.GetTempPath(), $"replearn-fuzz-{Guid.NewGuid():N}.safetensors");
            try
            {
                m.Save(path);
                return File.ReadAllBytes(path);
            }
            finally
            {
                File.Delete(path);
            }
        })];
    });

    private static byte[] IdxBytes(uint[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest)) gz.Write(bytes);
        return output.ToArray();
    }

    private static readonly byte[] Images = IdxBytes([5, 3, 3], [.. Enumerable.Range(0, 45).Select(i => (byte)(i * 37))]);
    private static readonly byte[] Labels = IdxBytes([7], [0, 9, 3, 3, 7, 1, 2]);
    private static readonly (int, int, bool)[] ImageSizes = [(4, 4, true), (8, 4, true), (12, 4, true)];
    private static readonly (int, int, bool)[] LabelSizes = [(4, 4, true)];

    /// <summary>Runs <paramref name="load"/>: it must succeed (then <paramref name="valid"/> holds) or throw InvalidDataException, within the allocation bound.</summary>
    private static void LoadsOrIsInvalidData<T>(Func<T> load, Action<T> valid, string what)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        T result;
        try
        {
            result = load();
        }
        catch (InvalidDataException)
        {
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBound, $"{what}: the refusal allocated more than 64 MB");
            return;
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}");
            return;
        }
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBound, $"{what}: the load allocated more than 64 MB");
        valid(result);
    }

    [Property]
    public void An_edited_checkpoint_loads_or_is_invalid_data(ByteMutations m)
    {
        var original = Checkpoints.Value[m.Pick % Checkpoints.Value.Length];
        var headerLength = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
        var bytes = m.Apply(original, headerLength, [(0, 8, false)]);
        var path = Path.Combine(Path.GetTempPath(), $"replearn-fuzz-{Guid.NewGuid():N}.safetensors");
        try
        {
            File.WriteAllBytes(path, bytes);
            LoadsOrIsInvalidData(() => Models.Load(path), model =>
            {
                var codes = model.Encode([new double[model.InputDim]]);
                Assert.All(codes[0], v => Assert.True(double.IsFinite(v)));
            }, $"checkpoint {m}");
            LoadsOrIsInvalidData(() => Models.LoadNotes(path), _ => { }, $"notes {m}");
            LoadsOrIsInvalidData(() => Models.SavedTrainOptions(path), _ => { }, $"options {m}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void ValidImages(RepLearn.Functional.Tensors.Tensor t) => Assert.All(t.ToArray(), p => Assert.InRange(p, 0.0, 1.0));

    private static void ValidLabels(int[] labels) => Assert.All(labels, y => Assert.InRange(y, 0, 9));

    [Property]
    public void An_edited_raw_idx_file_loads_or_is_invalid_data(ByteMutations m)
    {
        var images = m.Apply(Images, 16, ImageSizes);
        var labels = m.Apply(Labels, 8, LabelSizes);
        LoadsOrIsInvalidData(() => Idx.ReadImages(new MemoryStream(images), "images"), ValidImages, $"images {m}");
        LoadsOrIsInvalidData(() => Idx.ReadImages(new ForwardOnly(images), "images"), ValidImages, $"forward-only images {m}");
        LoadsOrIsInvalidData(() => Idx.ReadLabels(new MemoryStream(labels), "labels"), ValidLabels, $"labels {m}");
        LoadsOrIsInvalidData(() => Idx.ReadLabels(new ForwardOnly(labels), "labels"), ValidLabels, $"forward-only labels {m}");
        LoadsOrIsInvalidData(() => Idx.ReadImageShape(new MemoryStream(images), "images"), s => Assert.True(s.Count >= 0), $"shape {m}");
    }

    [Property]
    public void An_edited_gzip_idx_file_loads_or_is_invalid_data(ByteMutations m)
    {
        // Edits of the compressed bytes (header, deflate data, trailer), and a valid gzip of edited IDX bytes.
        var gz = Gzip(Images);
        var compressed = m.Apply(gz, 10, [(gz.Length - 4, 4, false), (gz.Length - 8, 4, false)]);
        var recompressed = Gzip(m.Apply(Images, 16, ImageSizes));
        foreach (var (bytes, what) in new[] { (compressed, "edited gzip"), (recompressed, "gzip of edited IDX") })
        {
            LoadsOrIsInvalidData(() => Idx.ReadImages(new MemoryStream(bytes), "images.gz"), ValidImages, $"{what} {m}");
            LoadsOrIsInvalidData(() => Idx.ReadImages(new ForwardOnly(bytes), "images.gz"), ValidImages, $"forward-only {what} {m}");
            LoadsOrIsInvalidData(() => Idx.ReadImageShape(new MemoryStream(bytes), "images.gz"), s => Assert.True(s.Count >= 0), $"shape of {what} {m}");
        }
        var labels = m.Apply(Gzip(Labels), 10, []);
        LoadsOrIsInvalidData(() => Idx.ReadLabels(new MemoryStream(labels), "labels.gz"), ValidLabels, $"edited gzip labels {m}");
    }

    /// <summary>A read-only view of bytes that cannot seek, like a pipe.</summary>
    private sealed class ForwardOnly(byte[] bytes) : Stream
    {
        private readonly MemoryStream inner = new(bytes, writable: false);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
