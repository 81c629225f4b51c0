using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using RepLearn.Functional.Data;
using RepLearn.Functional.Resources;
using RepLearn.Tests.Data;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Reliability;

/// <summary>
/// Declared IDX sizes are checked before anything is allocated for them: a ~100 KB gzip file declaring
/// 100,000,000 images is refused at once (its deflate body cannot inflate to that, and it is over any budget)
/// without inflating; data over the memory budget is refused naming the file, the declared shape and the budget.
/// </summary>
public sealed class DeclaredSizeTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A header declaring 100,000,000 images of 28 x 28 followed by 100 MB of zeros, gzipped to about 100 KB (made once).</summary>
    private static readonly Lazy<byte[]> Bomb = new(() =>
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(IdxTests.IdxBytes(0x08, [100_000_000, 28, 28], []));
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 100; i++) gz.Write(zeros);
        }
        return output.ToArray();
    });

    /// <summary>Runs <paramref name="load"/>, which must fail at once, allocating little on this thread.</summary>
    private static InvalidDataException RefusedCheaply(Action load)
    {
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(load);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 64L << 20, $"the refusal allocated {allocated} bytes");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the refusal took {clock.Elapsed}");
        return e;
    }

    [Fact]
    public void A_small_gzip_declaring_100_million_images_is_refused_without_inflating()
    {
        Assert.InRange(Bomb.Value.Length, 1, 200_000);
        var path = temp.Write("train-images-idx3-ubyte.gz", Bomb.Value);
        foreach (var load in new Action[]
        {
            () => Idx.LoadImages(path),
            () => Idx.LoadImages(path, MemoryBudget.Of(long.MaxValue)),
            () => Idx.ReadImageShape(path),
            () => Datasets.LoadIdxImages(path),
            () => Idx.ReadImages(new ForwardOnlyStream(new MemoryStream(Bomb.Value)), path),
        })
        {
            var e = RefusedCheaply(load);
            Assert.StartsWith($"{path}: declared 100000000x28x28 = 78400000000 bytes of data but the file has 104857600 after decompression by its gzip trailer (ISIZE), and its ", e.Message);
            Assert.EndsWith("can inflate to at most " + (Bomb.Value.Length - 18) * 1032L + " bytes (truncated)", e.Message);
        }
    }

    [Fact]
    public void A_trailer_forged_to_agree_with_the_header_does_not_help()
    {
        var bytes = Bomb.Value.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), unchecked((uint)(78_400_000_000L + 16)));
        var path = temp.Write("forged.gz", bytes);
        var e = RefusedCheaply(() => Idx.LoadImages(path, MemoryBudget.Of(long.MaxValue)));
        Assert.Contains("declared 100000000x28x28 = 78400000000 bytes of data but the file's ", e.Message);
        Assert.Contains("-byte deflate body can inflate to at most", e.Message);
    }

    [Fact]
    public void A_folder_holding_the_bomb_is_refused_naming_the_file()
    {
        temp.Write(Mnist.TrainImages + ".gz", Bomb.Value);
        temp.Write(Mnist.TrainLabels, IdxTests.IdxBytes(0x08, [3], [1, 2, 3]));
        var e = RefusedCheaply(() => Datasets.LoadMnistFolder(temp.Path));
        Assert.StartsWith(temp.File(Mnist.TrainImages + ".gz") + ": declared 100000000x28x28", e.Message);
        RefusedCheaply(() => Mnist.LoadFolder(temp.Path));
    }

    [Fact]
    public void Data_over_the_budget_is_refused_naming_the_file_the_shape_and_the_budget()
    {
        var images = IdxTests.IdxBytes(0x08, [20, 4, 4], new byte[320]);
        foreach (var (name, bytes) in new[] { ("i", images), ("i.gz", IdxTests.Gzip(images)) })
        {
            var path = temp.Write(name, bytes);
            var e = RefusedCheaply(() => Idx.LoadImages(path, MemoryBudget.Of(1000, "a test's budget")));
            Assert.Equal($"{path}: declared 20x4x4 images (320 bytes of data) needing 2.9 KB to load, more than the memory budget of 1.0 KB (a test's budget)", e.Message);
            Assert.Equal(20, Idx.LoadImages(path, MemoryBudget.Of(2880)).Rows);
            var facade = RefusedCheaply(() => Datasets.LoadIdxImages(path, memoryBudget: 2880));
            // 320 pixels x (9 + 8 for the rows) + 20 rows x 36 = 6,160 bytes.
            Assert.Equal($"{path}: declared 20x4x4 images needing 6.2 KB to load as rows, more than the memory budget of 2.9 KB (the memoryBudget argument)", facade.Message);
            Assert.Equal(20, Datasets.LoadIdxImages(path, memoryBudget: 6160).Length);
            RefusedCheaply(() => Datasets.LoadIdxImages(path, memoryBudget: 6159));
        }
        var labels = temp.Write("l", IdxTests.IdxBytes(0x08, [300], new byte[300]));
        Assert.Contains("declared 300 labels (300 bytes of data) needing 1.5 KB to load", RefusedCheaply(() => Idx.LoadLabels(labels, budget: MemoryBudget.Of(1000))).Message);
        Assert.Contains("more than the memory budget of 1.0 KB", RefusedCheaply(() => Datasets.LoadIdxLabels(labels, memoryBudget: 1000)).Message);
    }

    [Fact]
    public void A_stream_that_cannot_be_measured_is_checked_against_the_budget_before_it_is_read()
    {
        var header = IdxTests.IdxBytes(0x08, [2_000_000, 28, 28], new byte[1000]);
        var e = RefusedCheaply(() => Idx.ReadImages(new ForwardOnlyStream(new MemoryStream(header)), "pipe", MemoryBudget.Of(1L << 30)));
        Assert.Equal("pipe: declared 2000000x28x28 images (1,568,000,000 bytes of data) needing 14.1 GB to load, more than the memory budget of 1.1 GB (given explicitly)", e.Message);
        var huge = RefusedCheaply(() => Idx.ReadImages(new ForwardOnlyStream(new MemoryStream(IdxTests.IdxBytes(0x08, [100_000_000, 28, 28], new byte[10]))), "pipe"));
        Assert.Equal("pipe: declared 100000000x28x28 = 78400000000 bytes of data, more than one array can hold (2147483591)", huge.Message);
    }

    [Fact]
    public void A_folder_over_the_budget_is_refused_before_any_data_is_read()
    {
        temp.Write(Mnist.TrainImages, IdxTests.IdxBytes(0x08, [30, 4, 4], new byte[480]));
        temp.Write(Mnist.TrainLabels + ".gz", IdxTests.Gzip(IdxTests.IdxBytes(0x08, [30], new byte[30])));
        temp.Write(Mnist.TestImages, IdxTests.IdxBytes(0x08, [10, 4, 4], new byte[160]));
        temp.Write(Mnist.TestLabels, IdxTests.IdxBytes(0x08, [10], new byte[10]));
        // Core: 40 x 16 x 9 + 40 x 5 = 5,960 bytes; the facade adds 8 per pixel and 36 per image: 12,520.
        Assert.Equal(30, Mnist.LoadFolder(temp.Path, budget: MemoryBudget.Of(5960)).Train.Count);
        var core = RefusedCheaply(() => Mnist.LoadFolder(temp.Path, budget: MemoryBudget.Of(5959)));
        Assert.Equal($"{temp.Path}: the MNIST files declare 30 images of 4x4 and 10 images of 4x4 needing 6.0 KB to load, more than the memory budget of 6.0 KB (given explicitly)",
            core.Message);
        Assert.Equal(10, Datasets.LoadMnistFolder(temp.Path, memoryBudget: 12_520).Test!.Length);
        Assert.StartsWith(temp.Path + ": the MNIST files declare", RefusedCheaply(() => Datasets.LoadMnistFolder(temp.Path, memoryBudget: 12_519)).Message);
    }

    [Fact]
    public void A_csv_table_that_outgrows_the_budget_is_refused_at_the_line_that_crosses_it()
    {
        var path = temp.Write("t.csv", System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 100).Select(i => $"{i},{i + 1},{i + 2}"))));
        // 24 bytes per value in the core: 14 rows of 3 are 1,008 bytes; the facade's 32: 11 rows are 1,056.
        var core = Assert.Throws<InvalidDataException>(() => Csv.Load(path, new CsvOptions { Budget = MemoryBudget.Of(1000, "a test's budget") }));
        Assert.Equal($"{path}: line 14: 14 rows of 3 values needing 1.0 KB to load, more than the memory budget of 1.0 KB (a test's budget)", core.Message);
        var facade = Assert.Throws<InvalidDataException>(() => Datasets.LoadCsv(path, memoryBudget: 1000));
        Assert.StartsWith($"{path}: line 11: 11 rows of 3 values needing", facade.Message);
        Assert.Equal(100, Datasets.LoadCsv(path, memoryBudget: 100 * 3 * 32).Train.Length);
    }
}
