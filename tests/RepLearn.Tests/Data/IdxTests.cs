using System.Buffers.Binary;
using System.IO.Compression;
using RepLearn.Functional.Data;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Data;

public sealed class IdxTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>IDX bytes: magic (b0, b1, type, rank), big-endian u32 dims, then data.</summary>
    internal static byte[] IdxBytes(byte type, uint[] dims, byte[] data, byte b0 = 0, byte b1 = 0)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[0] = b0;
        bytes[1] = b1;
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest)) gz.Write(bytes);
        return output.ToArray();
    }

    private static byte[] Images(int n, int rows, int cols) =>
        IdxBytes(0x08, [(uint)n, (uint)rows, (uint)cols], [.. Enumerable.Range(0, n * rows * cols).Select(i => (byte)(i * 37 % 256))]);

    private static byte[] Labels(params byte[] labels) => IdxBytes(0x08, [(uint)labels.Length], labels);

    private InvalidDataException ImagesFail(string name, byte[] bytes)
    {
        var path = temp.Write(name, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Idx.LoadImages(path));
        Assert.StartsWith(path + ": ", e.Message);
        return e;
    }

    private InvalidDataException LabelsFail(string name, byte[] bytes, int classCount = 10)
    {
        var path = temp.Write(name, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Idx.LoadLabels(path, classCount));
        Assert.StartsWith(path + ": ", e.Message);
        return e;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_round_trip_raw_and_gzip_scaled_by_255(bool gzip)
    {
        var raw = Images(3, 2, 4);
        var path = temp.Write(gzip ? "x.gz" : "x", gzip ? Gzip(raw) : raw);
        var images = Idx.LoadImages(path);
        Assert.Equal((3, 8), (images.Rows, images.Cols));
        for (var i = 0; i < 24; i++) Assert.Equal(raw[16 + i] / 255.0, images.Span[i]);
        Assert.Equal(0.0, images.Span[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Labels_round_trip_raw_and_gzip(bool gzip)
    {
        var raw = Labels(0, 9, 3, 3, 7);
        var path = temp.Write("l", gzip ? Gzip(raw) : raw);
        Assert.Equal([0, 9, 3, 3, 7], Idx.LoadLabels(path));
    }

    [Fact]
    public void Non_seekable_streams_read_the_same()
    {
        var raw = Images(2, 3, 3);
        var a = Idx.ReadImages(new ForwardOnlyStream(new MemoryStream(raw)), "s");
        var b = Idx.ReadImages(new MemoryStream(Gzip(raw)), "s.gz");
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void Header_shorter_than_the_magic_number()
    {
        var e = ImagesFail("short", [0, 0, 8]);
        Assert.Contains("header truncated: the file has 3 bytes", e.Message);
    }

    [Fact]
    public void First_two_bytes_must_be_zero()
    {
        var e = ImagesFail("magic", IdxBytes(0x08, [1, 1, 1], [0], b0: 0x50, b1: 0x4B));
        Assert.Contains("first two bytes of the magic number must be zero, found 0x50 0x4B", e.Message);
    }

    [Fact]
    public void Unknown_type_code()
    {
        var e = ImagesFail("type", IdxBytes(0x07, [1, 1, 1], [0]));
        Assert.Contains("unknown IDX type code 0x07", e.Message);
    }

    [Fact]
    public void Known_but_unsupported_type_code()
    {
        var e = ImagesFail("float", IdxBytes(0x0D, [1, 1, 1], [0, 0, 0, 0]));
        Assert.Contains("IDX type code 0x0D (float32) is not supported for images", e.Message);
    }

    [Fact]
    public void Images_need_three_dimensions_and_labels_one()
    {
        Assert.Contains("wrong dimension count: images need 3 dimension(s), the header declares 1",
            ImagesFail("rank", Labels(1, 2)).Message);
        Assert.Contains("wrong dimension count: labels need 1 dimension(s), the header declares 3",
            LabelsFail("rank1", Images(1, 1, 1)).Message);
    }

    [Fact]
    public void Header_truncated_inside_the_dimensions()
    {
        var e = ImagesFail("dims", Images(1, 2, 2)[..10]);
        Assert.Contains("header truncated: 3 dimension(s) need a 16-byte header, the file has 10 bytes", e.Message);
    }

    [Fact]
    public void Declared_size_overflow_is_detected()
    {
        var e = ImagesFail("overflow", IdxBytes(0x08, [uint.MaxValue, uint.MaxValue, uint.MaxValue], []));
        Assert.Contains("declared size overflows", e.Message);
    }

    [Fact]
    public void Declared_dimension_above_int_max_is_rejected()
    {
        var e = LabelsFail("huge", IdxBytes(0x08, [3_000_000_000], [1, 2]));
        Assert.Contains("declared size too large: dimension 0 is 3000000000", e.Message);
    }

    [Fact]
    public void Truncated_data_raw()
    {
        var e = ImagesFail("train-images-idx3-ubyte", Images(2, 2, 2)[..^1]);
        Assert.EndsWith("declared 2x2x2 = 8 bytes of data but the file has 7 (truncated)", e.Message);
    }

    [Fact]
    public void Truncated_data_gzip()
    {
        var e = ImagesFail("train-images-idx3-ubyte.gz", Gzip(Images(2, 2, 2)[..^1]));
        Assert.EndsWith("declared 2x2x2 = 8 bytes of data but the file has 7 after decompression (truncated)", e.Message);
    }

    [Fact]
    public void Trailing_bytes_raw_and_gzip()
    {
        byte[] bytes = [.. Labels(1, 2, 3), 0, 0];
        Assert.EndsWith("declared 3 = 3 bytes of data but the file has 5 (2 trailing bytes)", LabelsFail("t", bytes).Message);
        Assert.EndsWith("but the file has 5 after decompression (2 trailing bytes)", LabelsFail("t.gz", Gzip(bytes)).Message);
    }

    [Fact]
    public void Corrupt_gzip_names_the_file()
    {
        var gz = Gzip(Labels(1, 2, 3));
        for (var i = 10; i < gz.Length - 8; i++) gz[i] ^= 0x5A;
        var e = LabelsFail("corrupt.gz", gz);
        Assert.Contains("not valid gzip data", e.Message);
    }

    [Fact]
    public void Huge_declared_size_does_not_drive_an_allocation()
    {
        var header = IdxBytes(0x08, [2_000_000_000], [1, 2, 3]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var gz = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(new MemoryStream(Gzip(header)), "big.gz"));
        // A stream that cannot be measured is checked against the memory budget before it is read; an unlimited
        // budget keeps this case about the data actually present, whatever the test machine's memory.
        var raw = Assert.Throws<InvalidDataException>(() =>
            Idx.ReadLabels(new ForwardOnlyStream(new MemoryStream(header)), "big", budget: RepLearn.Functional.Resources.MemoryBudget.Of(long.MaxValue)));
        var seekable = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(new MemoryStream(header), "big"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "a declared size drove an allocation");
        foreach (var e in new[] { gz, raw, seekable })
            Assert.Contains("declared 2000000000 = 2000000000 bytes of data but the file has 3", e.Message);
    }

    [Fact]
    public void Labels_must_be_in_range()
    {
        var e = LabelsFail("labels", Labels(1, 10, 2));
        Assert.Contains("label out of range: label 10 at index 1 is outside 0..9", e.Message);
        Assert.Contains("label 3 at index 0 is outside 0..2", LabelsFail("l3", Labels(3), classCount: 3).Message);
        Assert.Equal([255], Idx.ReadLabels(new MemoryStream(Labels(255)), "l", classCount: 256));
    }

    [Fact]
    public void Label_count_must_equal_image_count()
    {
        var images = temp.Write("i", Images(3, 2, 2));
        var labels = temp.Write("l", Labels(1, 2));
        var e = Assert.Throws<InvalidDataException>(() => Idx.LoadPair(images, labels));
        Assert.Contains("label count differs from image count: 2 labels for the 3 images", e.Message);
        Assert.Contains(labels, e.Message);
        Assert.Contains(images, e.Message);
    }

    [Fact]
    public void Mnist_folder_reads_raw_or_gzip_and_prefers_raw()
    {
        temp.Write(Mnist.TrainImages + ".gz", Gzip(Images(3, 2, 2)));
        temp.Write(Mnist.TrainLabels, Labels(1, 2, 3));
        temp.Write(Mnist.TrainLabels + ".gz", Gzip(Labels(9, 9, 9)));
        var folder = Mnist.LoadFolder(temp.Path);
        Assert.Equal([1, 2, 3], folder.Train.Labels.ToArray());
        Assert.Equal(3, folder.Train.Count);
        Assert.Null(folder.Test);

        temp.Write(Mnist.TestImages, Images(1, 2, 2));
        Assert.Throws<FileNotFoundException>(() => Mnist.LoadFolder(temp.Path));
        temp.Write(Mnist.TestLabels + ".gz", Gzip(Labels(4)));
        Assert.Equal([4], Mnist.LoadFolder(temp.Path).Test!.Labels.ToArray());
    }

    [Fact]
    public void Mnist_folder_missing_files()
    {
        Assert.Throws<DirectoryNotFoundException>(() => Mnist.LoadFolder(temp.File("absent")));
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.LoadFolder(temp.Path));
        Assert.Contains(Mnist.TrainImages, e.Message);
    }

    [MnistFact]
    public void Real_mnist10k_has_8000_train_and_2000_test_digits()
    {
        var mnist = Mnist.LoadFolder(MnistPaths.Folder!);
        Assert.Equal((8000, 784), (mnist.Train.Images.Rows, mnist.Train.Images.Cols));
        Assert.Equal(8000, mnist.Train.Labels.Length);
        Assert.NotNull(mnist.Test);
        Assert.Equal((2000, 784), (mnist.Test.Images.Rows, mnist.Test.Images.Cols));
        Assert.Equal(2000, mnist.Test.Labels.Length);
        foreach (var labels in new[] { mnist.Train.Labels, mnist.Test.Labels })
            Assert.Equal(Enumerable.Range(0, 10), labels.Distinct().Order());
        var pixels = mnist.Train.Images.Span;
        var max = 0.0;
        foreach (var p in pixels)
        {
            Assert.InRange(p, 0.0, 1.0);
            max = Math.Max(max, p);
        }
        Assert.Equal(1.0, max);
    }
}
