using System.Buffers.Binary;
using System.IO.Compression;

namespace RepLearn.Functional.Data;

/// <summary>An IDX header as declared: type code, dimension sizes (u32 big-endian each) and their byte counts.</summary>
/// <param name="TypeCode">The third magic byte (0x08 unsigned byte, ... 0x0E float64).</param>
/// <param name="Dimensions">The declared sizes, outermost first.</param>
/// <param name="HeaderLength">4 + 4 * rank bytes.</param>
/// <param name="DataLength">prod(Dimensions) * element size, overflow-checked.</param>
internal sealed record IdxHeader(byte TypeCode, long[] Dimensions, int HeaderLength, long DataLength)
{
    /// <summary>"8000x28x28", for messages.</summary>
    public string ShapeString => string.Join("x", Dimensions);
}

/// <summary>
/// The IDX layout (LeCun et al., the MNIST database): magic = 0x00 0x00 type rank, then rank
/// big-endian u32 sizes, then prod(sizes) elements. Reads raw or gzip (sniffed by 1F 8B), checking
/// the header, then streaming the payload with a cap so that a declared size never drives an
/// allocation before it is checked against the data actually present.
/// </summary>
internal static class IdxReader
{
    /// <summary>Trailing bytes past the declared size are counted up to this many, then reported as "more than".</summary>
    private const long MaxTrailingCount = 64L << 20;

    /// <summary>The standard IDX type codes: name and element size in bytes.</summary>
    internal static readonly IReadOnlyDictionary<byte, (string Name, int Size)> TypeCodes =
        new Dictionary<byte, (string Name, int Size)>
        {
            [0x08] = ("unsigned byte", 1),
            [0x09] = ("signed byte", 1),
            [0x0B] = ("int16", 2),
            [0x0C] = ("int32", 4),
            [0x0D] = ("float32", 4),
            [0x0E] = ("float64", 8),
        };

    private readonly record struct Context(string Source, string What, int ExpectedRank, bool Gzip);

    /// <summary>
    /// Reads an unsigned-byte IDX array of <paramref name="expectedRank"/> dimensions from a raw or
    /// gzip stream. <paramref name="what"/> ("images", "labels") appears in messages.
    /// </summary>
    public static (IdxHeader Header, byte[] Data) ReadUnsignedBytes(Stream input, string source, int expectedRank, string what)
    {
        var sniff = new byte[4];
        var got = ReadFully(input, sniff, source);
        if (got >= 2 && sniff[0] == 0x1F && sniff[1] == 0x8B)
        {
            using var gzip = new GZipStream(new PrefixedStream(sniff[..got], input), CompressionMode.Decompress, leaveOpen: true);
            return ReadDecoded(gzip, [], new Context(source, what, expectedRank, Gzip: true), canMeasure: false);
        }
        return ReadDecoded(input, sniff[..got], new Context(source, what, expectedRank, Gzip: false), canMeasure: input.CanSeek);
    }

    private static (IdxHeader, byte[]) ReadDecoded(Stream s, byte[] alreadyRead, Context cx, bool canMeasure)
    {
        var header = ReadHeader(s, alreadyRead, cx);
        var declared = header.DataLength;
        if (canMeasure)
        {
            var actual = s.Length - s.Position;
            if (actual != declared) throw SizeMismatch(cx, header, actual, exact: true);
        }
        if (declared > Array.MaxLength)
            throw Fail(cx.Source, $"declared {header.ShapeString} = {declared} bytes of data, more than one array can hold ({Array.MaxLength})");

        var data = new byte[canMeasure ? declared : Math.Min(declared, 1 << 20)];
        var filled = 0;
        while (filled < declared)
        {
            if (filled == data.Length) Array.Resize(ref data, (int)Math.Min(declared, 2L * data.Length));
            var n = Read(s, data.AsSpan(filled), cx.Source);
            if (n == 0) break;
            filled += n;
        }
        if (filled < declared) throw SizeMismatch(cx, header, filled, exact: true);

        var extra = CountRemaining(s, cx.Source);
        if (extra > 0) throw SizeMismatch(cx, header, declared + extra, exact: extra <= MaxTrailingCount);
        return (header, data);
    }

    private static IdxHeader ReadHeader(Stream s, byte[] alreadyRead, Context cx)
    {
        var magic = new byte[4];
        alreadyRead.CopyTo(magic, 0);
        var got = alreadyRead.Length + ReadFully(s, magic.AsSpan(alreadyRead.Length), cx.Source);
        if (got < 4)
            throw Fail(cx.Source, $"header truncated: the file has {got} bytes, an IDX header needs at least 4 (the magic number)");
        if (magic[0] != 0 || magic[1] != 0)
            throw Fail(cx.Source, $"not an IDX file: the first two bytes of the magic number must be zero, found 0x{magic[0]:X2} 0x{magic[1]:X2}");
        var type = magic[2];
        if (!TypeCodes.TryGetValue(type, out var info))
            throw Fail(cx.Source, $"unknown IDX type code 0x{type:X2} (known: 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E)");
        if (type != 0x08)
            throw Fail(cx.Source, $"IDX type code 0x{type:X2} ({info.Name}) is not supported for {cx.What}: expected 0x08 (unsigned byte)");
        int rank = magic[3];
        if (rank != cx.ExpectedRank)
            throw Fail(cx.Source, $"wrong dimension count: {cx.What} need {cx.ExpectedRank} dimension(s), the header declares {rank}");

        var headerLength = 4 + 4 * rank;
        var dimBytes = new byte[4 * rank];
        var gotDims = ReadFully(s, dimBytes, cx.Source);
        if (gotDims < dimBytes.Length)
            throw Fail(cx.Source, $"header truncated: {rank} dimension(s) need a {headerLength}-byte header, the file has {4 + gotDims} bytes");

        var dims = new long[rank];
        for (var i = 0; i < rank; i++) dims[i] = BinaryPrimitives.ReadUInt32BigEndian(dimBytes.AsSpan(4 * i));
        long declared = info.Size;
        try
        {
            foreach (var d in dims) declared = checked(declared * d);
        }
        catch (OverflowException)
        {
            throw Fail(cx.Source, $"declared size overflows: {string.Join("x", dims)} elements of {info.Size} byte(s) exceed a 64-bit count");
        }
        for (var i = 0; i < rank; i++)
            if (dims[i] > int.MaxValue)
                throw Fail(cx.Source, $"declared size too large: dimension {i} is {dims[i]}, more than {int.MaxValue}");
        return new IdxHeader(type, dims, headerLength, declared);
    }

    private static InvalidDataException SizeMismatch(Context cx, IdxHeader header, long actual, bool exact)
    {
        var where = cx.Gzip ? " after decompression" : "";
        var has = exact ? $"{actual}" : $"more than {actual - 1}";
        var what = actual < header.DataLength ? "truncated" : exact ? $"{actual - header.DataLength} trailing bytes" : "trailing bytes";
        return Fail(cx.Source, $"declared {header.ShapeString} = {header.DataLength} bytes of data but the file has {has}{where} ({what})");
    }

    /// <summary>Counts (and discards) what is left in the stream, up to <see cref="MaxTrailingCount"/> + 1.</summary>
    private static long CountRemaining(Stream s, string source)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long count = 0;
        int n;
        while (count <= MaxTrailingCount && (n = Read(s, scratch, source)) > 0) count += n;
        return Math.Min(count, MaxTrailingCount + 1);
    }

    private static int ReadFully(Stream s, Span<byte> buffer, string source)
    {
        var filled = 0;
        int n;
        while (filled < buffer.Length && (n = Read(s, buffer[filled..], source)) > 0) filled += n;
        return filled;
    }

    /// <summary>One read; a corrupt gzip stream's <see cref="InvalidDataException"/> is re-raised naming the file.</summary>
    private static int Read(Stream s, Span<byte> buffer, string source)
    {
        try
        {
            return s.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Fail(source, $"not valid gzip data: {e.Message}", e);
        }
    }

    internal static InvalidDataException Fail(string source, string message, Exception? inner = null) =>
        new($"{source}: {message}", inner);
}
