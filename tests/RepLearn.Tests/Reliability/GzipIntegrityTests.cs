using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RepLearn.Functional.Data;
using RepLearn.Tests.Data;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Reliability;

/// <summary>
/// A gzip IDX file is one member verified to its trailer: every cut of the trailer, junk after the member, a
/// flipped CRC-32 or ISIZE byte, and a bad header is one InvalidDataException naming the file and the check
/// (never .NET's "unsupported compression method" for a CRC). Real MNIST files still load.
/// </summary>
public sealed class GzipIntegrityTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static byte[] LabelsIdx() => IdxTests.IdxBytes(0x08, [300], [.. Enumerable.Range(0, 300).Select(i => (byte)(i % 10))]);

    private static byte[] ImagesIdx() => IdxTests.IdxBytes(0x08, [20, 4, 4], [.. Enumerable.Range(0, 320).Select(i => (byte)(i * 31))]);

    private static readonly byte[] LabelsGz = IdxTests.Gzip(LabelsIdx());
    private static readonly byte[] ImagesGz = IdxTests.Gzip(ImagesIdx());

    /// <summary>Every way of reading the file must fail with one message naming it: LoadLabels, LoadImages, and a non-seekable stream.</summary>
    private string Fails(string name, byte[] bytes, bool images = false)
    {
        var path = temp.Write(name, bytes);
        var e = Assert.Throws<InvalidDataException>(() => images ? (object)Idx.LoadImages(path) : Idx.LoadLabels(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.DoesNotContain("unsupported compression method", e.Message);
        var stream = Assert.Throws<InvalidDataException>(() => images
            ? (object)Idx.ReadImages(new ForwardOnlyStream(new MemoryStream(bytes)), path)
            : Idx.ReadLabels(new ForwardOnlyStream(new MemoryStream(bytes)), path));
        Assert.Equal(e.Message, stream.Message);
        return e.Message;
    }

    [Fact]
    public void Valid_files_load_from_disk_and_from_non_seekable_streams()
    {
        Assert.Equal(300, Idx.LoadLabels(temp.Write("l.gz", LabelsGz)).Length);
        Assert.Equal(300, Idx.ReadLabels(new ForwardOnlyStream(new MemoryStream(LabelsGz)), "s").Length);
        var images = Idx.LoadImages(temp.Write("i.gz", ImagesGz));
        Assert.Equal((20, 16), (images.Rows, images.Cols));
        Assert.Equal((20, 4, 4), Idx.ReadImageShape(temp.File("i.gz")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void A_trailer_cut_short_is_a_truncated_gzip_error(int cut)
    {
        foreach (var (bytes, images) in new[] { (LabelsGz, false), (ImagesGz, true) })
        {
            var message = Fails($"cut{cut}.gz", bytes[..^cut], images);
            Assert.Contains("truncated gzip", message);
            if (cut < 8) Assert.Contains($"truncated gzip trailer: the deflate data ends {8 - cut} byte(s) before the end of the file", message);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Junk_after_the_member_is_an_error(int junk)
    {
        var random = new Random(junk);
        var tail = new byte[junk];
        random.NextBytes(tail);
        var message = Fails($"junk{junk}.gz", [.. LabelsGz, .. tail]);
        Assert.Contains("junk after the gzip member", message);
        Assert.Contains(junk < 64 ? $": {junk} byte(s) follow its 8-byte trailer" : ": at least ", message);
    }

    [Fact]
    public void A_second_member_is_junk_even_when_it_repeats_the_first()
    {
        Assert.Contains("junk after the gzip member", Fails("twice.gz", [.. LabelsGz, .. LabelsGz]));
        Assert.Contains("junk after the gzip member", Fails("two.gz", [.. LabelsGz, .. IdxTests.Gzip([1, 2, 3])]));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(7)]
    [InlineData(6)]
    [InlineData(5)]
    public void A_flipped_crc_byte_is_a_crc_mismatch(int fromEnd)
    {
        foreach (var (original, images) in new[] { (LabelsGz, false), (ImagesGz, true) })
        {
            var bytes = original.ToArray();
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
            bytes[^fromEnd] ^= 0x20;
            var flipped = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
            var message = Fails($"crc{fromEnd}.gz", bytes, images);
            Assert.EndsWith($"gzip CRC-32 mismatch: the trailer says {flipped:x8}, the inflated data has {stored:x8}", message);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(1)]
    public void A_flipped_isize_byte_is_an_isize_mismatch(int fromEnd)
    {
        var bytes = LabelsGz.ToArray();
        bytes[^fromEnd] ^= 0x01;
        var flipped = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        Assert.EndsWith($"gzip ISIZE mismatch: the trailer says {flipped} bytes (the inflated length mod 2^32), the data inflated to {LabelsIdx().Length} bytes",
            Fails($"isize{fromEnd}.gz", bytes));
    }

    [Fact]
    public void A_header_and_trailer_that_agree_with_each_other_but_not_the_data_are_caught_at_the_end()
    {
        // The header declares 301 labels and the trailer claims 301 labels' worth; the member holds 300.
        var idx = LabelsIdx();
        BinaryPrimitives.WriteUInt32BigEndian(idx.AsSpan(4), 301);
        var bytes = IdxTests.Gzip(idx);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), (uint)(idx.Length + 1));
        Assert.Contains("gzip ISIZE mismatch", Fails("isize301.gz", bytes));
    }

    /// <summary>A gzip member written by hand: header with the given flags and fields, raw deflate body, trailer.</summary>
    private static byte[] Member(byte[] payload, byte flags = 0, byte method = 8, string? name = null, string? comment = null, byte[]? extra = null,
        bool badHeaderCrc = false)
    {
        using var output = new MemoryStream();
        var header = new List<byte> { 0x1F, 0x8B, method, flags, 0, 0, 0, 0, 0, 255 };
        if (extra is not null) header.AddRange([(byte)extra.Length, (byte)(extra.Length >> 8), .. extra]);
        if (name is not null) header.AddRange([.. Encoding.Latin1.GetBytes(name), 0]);
        if (comment is not null) header.AddRange([.. Encoding.Latin1.GetBytes(comment), 0]);
        if ((flags & 0x02) != 0)
        {
            var crc16 = (ushort)(Crc(header.ToArray()) ^ (badHeaderCrc ? 1 : 0));
            header.AddRange([(byte)crc16, (byte)(crc16 >> 8)]);
        }
        output.Write(header.ToArray());
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(payload);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc(payload));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)payload.Length);
        output.Write(trailer);
        return output.ToArray();
    }

    /// <summary>CRC-32 by the bitwise definition (independent of the library's table).</summary>
    private static uint Crc(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void Optional_header_fields_are_parsed_and_the_header_crc_is_checked()
    {
        var payload = LabelsIdx();
        var full = Member(payload, flags: 0x02 | 0x04 | 0x08 | 0x10, name: "labels", comment: "made by hand", extra: [1, 2, 3, 4]);
        Assert.Equal(300, Idx.LoadLabels(temp.Write("full.gz", full)).Length);
        Assert.Equal(300, Idx.LoadLabels(temp.Write("name.gz", Member(payload, flags: 0x08, name: "x"))).Length);
        Assert.Contains("gzip header CRC-16 mismatch", Fails("hcrc.gz", Member(payload, flags: 0x02, badHeaderCrc: true)));
        Assert.Contains("reserved flag bits 0x20 are set", Fails("reserved.gz", Member(payload, flags: 0x20)));
        Assert.Contains("unsupported gzip compression method 7", Fails("cm.gz", Member(payload, method: 7)));
        Assert.Contains("truncated gzip header: the file ends inside the file name", Fails("name-open.gz", [0x1F, 0x8B, 8, 0x08, 0, 0, 0, 0, 0, 3, (byte)'a']));
        Assert.Contains("truncated gzip header", Fails("short.gz", [0x1F, 0x8B, 8]));
        Assert.Contains("extra field runs past the end", Fails("extra.gz", [0x1F, 0x8B, 8, 0x04, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 1]));
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc("123456789"u8.ToArray()));

    [Fact]
    public void A_corrupt_deflate_body_is_not_valid_gzip_data()
    {
        var bytes = LabelsGz.ToArray();
        for (var i = 10; i < 20; i++) bytes[i] ^= 0xFF;
        Assert.Contains("not valid gzip data", Fails("body.gz", bytes));
    }

    [MnistFact]
    public void Real_mnist_files_load_and_a_flipped_crc_in_one_is_named()
    {
        var folder = MnistPaths.Folder!;
        var labels = Path.Combine(folder, Mnist.TestLabels + ".gz");
        Assert.Equal(2000, Idx.LoadLabels(labels).Length);
        Assert.Equal((8000, 28, 28), Idx.ReadImageShape(Path.Combine(folder, Mnist.TrainImages + ".gz")));
        var bytes = File.ReadAllBytes(labels);
        bytes[^6] ^= 0x01;
        Assert.Contains("gzip CRC-32 mismatch", Fails("t10k-labels-idx1-ubyte.gz", bytes));
        Assert.Contains("junk after the gzip member", Fails("t10k-labels-junk.gz", [.. File.ReadAllBytes(labels), 0]));
    }
}
