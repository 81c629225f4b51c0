using System.Buffers.Binary;

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
/// big-endian u32 sizes, then prod(sizes) elements. Reads raw or gzip (sniffed by 1F 8B; one member, verified
/// to its trailer by <see cref="GzipMember"/>). After the header, and before any allocation proportional to
/// it, the declared size is checked against what the file can hold (a raw file's length; for gzip, the most its
/// body can inflate to, quoting the trailer's ISIZE), then against the memory budget; the payload is then
/// streamed with a cap, so a declared size never drives an allocation before it is checked.
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

    /// <summary>
    /// What is being read, for messages and the budget: <paramref name="LoadedBytesPerElement"/> is what one element
    /// costs once loaded (its byte and what it becomes); a null <paramref name="Budget"/> (reading a header only) checks none.
    /// </summary>
    internal readonly record struct Context(string Source, string What, int ExpectedRank, int LoadedBytesPerElement, MemoryBudget? Budget, bool Gzip = false);

    /// <summary>
    /// Reads an unsigned-byte IDX array of <see cref="Context.ExpectedRank"/> dimensions from a raw or gzip stream.
    /// A non-seekable gzip stream is first copied into memory (compressed, at most the budget).
    /// </summary>
    public static (IdxHeader Header, byte[] Data) ReadUnsignedBytes(Stream input, Context cx) =>
        Open(input, cx, (s, alreadyRead, c, measured, gzip) => ReadDecoded(s, alreadyRead, c, measured, gzip));

    /// <summary>Reads and checks the header only (against the file's length or gzip trailer; nothing is inflated past the header).</summary>
    public static IdxHeader ReadShape(Stream input, Context cx) =>
        Open(input, cx, (s, alreadyRead, c, measured, gzip) =>
        {
            var header = ReadHeader(s, alreadyRead, c);
            CheckDeclaredSize(header, c, measured, gzip);
            return header;
        });

    private delegate T Decoder<T>(Stream decoded, byte[] alreadyRead, Context cx, long? measuredLength, GzipMember? gzip);

    private static T Open<T>(Stream input, Context cx, Decoder<T> decode)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = input.CanSeek ? input.Position : 0;
        var sniff = new byte[2];
        var got = ReadFully(input, sniff);
        if (got == 2 && sniff[0] == 0x1F && sniff[1] == 0x8B)
        {
            using var copy = input.CanSeek ? null : CopyCompressed(sniff, input, cx);
            var file = copy ?? input;
            file.Position = copy is null ? start : 0;
            using var member = GzipMember.Open(file, cx.Source);
            return decode(member, [], cx with { Gzip = true }, null, member);
        }
        return decode(input, sniff[..got], cx, input.CanSeek ? input.Length - start : null, null);
    }

    /// <summary>A non-seekable gzip stream in memory, so its trailer can be read first; refused past the budget.</summary>
    private static MemoryStream CopyCompressed(byte[] prefix, Stream input, Context cx)
    {
        var copy = new MemoryStream();
        copy.Write(prefix);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = input.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, n);
            if (copy.Length > Math.Min(cx.Budget?.Bytes ?? long.MaxValue, Array.MaxLength))
                throw Fail(cx.Source, cx.Budget?.Refusal(copy.Length, $"the gzip stream (more than {MemoryBudget.ShowCount(copy.Length - n)} compressed bytes, read ahead to find its trailer)", "to hold")
                    ?? $"the gzip stream is longer than one array can hold ({Array.MaxLength} bytes)");
        }
        return copy;
    }

    private static (IdxHeader, byte[]) ReadDecoded(Stream s, byte[] alreadyRead, Context cx, long? measuredLength, GzipMember? gzip)
    {
        var header = ReadHeader(s, alreadyRead, cx);
        var declared = header.DataLength;
        var known = CheckDeclaredSize(header, cx, measuredLength, gzip);

        var data = new byte[known ? declared : Math.Min(declared, 1 << 20)];
        var filled = 0;
        while (filled < declared)
        {
            if (filled == data.Length) Array.Resize(ref data, (int)Math.Min(declared, 2L * data.Length));
            var n = s.Read(data.AsSpan(filled));
            if (n == 0) break;
            filled += n;
        }
        if (filled < declared) throw SizeMismatch(cx, header, filled, exact: true);

        var extra = CountRemaining(s);
        if (extra > 0) throw SizeMismatch(cx, header, declared + extra, exact: extra <= MaxTrailingCount);
        return (header, data);
    }

    /// <summary>
    /// Checks the declared size against the data the file can hold (exactly when <paramref name="measuredLength"/>
    /// or an exact gzip ISIZE is known), against one array's limit, then against the budget. Returns true when the
    /// payload length is known exactly (so it can be allocated at once).
    /// </summary>
    private static bool CheckDeclaredSize(IdxHeader header, Context cx, long? measuredLength, GzipMember? gzip)
    {
        var declared = header.DataLength;
        var known = false;
        if (measuredLength is { } measured)
        {
            var actual = measured - header.HeaderLength;
            if (actual != declared) throw SizeMismatch(cx, header, actual, exact: true);
            known = true;
        }
        else if (gzip is not null)
        {
            known = CheckAgainstTrailer(header, cx, gzip);
        }
        if (declared > Array.MaxLength)
            throw Fail(cx.Source, $"declared {header.ShapeString} = {declared} bytes of data, more than one array can hold ({Array.MaxLength})");
        var bytes = MemoryFootprint.DataBytes(header.Dimensions, cx.LoadedBytesPerElement);
        if (cx.Budget?.Refusal(bytes, $"declared {header.ShapeString} {cx.What} ({MemoryBudget.ShowCount(declared)} bytes of data)", "to load") is { } refusal)
            throw Fail(cx.Source, refusal);
        return known;
    }

    /// <summary>
    /// The declared size against what the gzip body can inflate to, without inflating: at most
    /// <see cref="GzipMember.MaxInflationRatio"/> x its length (the trailer's ISIZE, when plausible, is quoted as the
    /// likely size). A declared size within that bound is read and verified to the end instead, so that a damaged
    /// trailer (cut short, junk appended) is reported as such rather than as a size disagreement. Returns true when
    /// the trailer's ISIZE equals the declared size (the payload can then be allocated at once).
    /// </summary>
    private static bool CheckAgainstTrailer(IdxHeader header, Context cx, GzipMember gzip)
    {
        var declared = header.DataLength;
        var total = MemoryFootprint.Sum(header.HeaderLength, declared);
        var plausible = gzip.ExactSize is { } size && size >= header.HeaderLength && size <= gzip.MaxInflated ? size - header.HeaderLength : (long?)null;
        if (total > gzip.MaxInflated)
            throw Fail(cx.Source, plausible is { } has
                ? $"declared {header.ShapeString} = {declared} bytes of data but the file has {has} after decompression by its gzip trailer (ISIZE), "
                    + $"and its {gzip.BodyLength}-byte deflate body can inflate to at most {gzip.MaxInflated} bytes (truncated)"
                : $"declared {header.ShapeString} = {declared} bytes of data but the file's {gzip.BodyLength}-byte deflate body "
                    + $"can inflate to at most {gzip.MaxInflated} bytes (truncated)");
        return gzip.ExactSize == total;
    }

    private static IdxHeader ReadHeader(Stream s, byte[] alreadyRead, Context cx)
    {
        var magic = new byte[4];
        alreadyRead.CopyTo(magic, 0);
        var got = alreadyRead.Length + ReadFully(s, magic.AsSpan(alreadyRead.Length));
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
        var gotDims = ReadFully(s, dimBytes);
        if (gotDims < dimBytes.Length)
            throw Fail(cx.Source, $"header truncated: {rank} dimension(s) need a {headerLength}-byte header, the file has {4 + gotDims} bytes"
                + (cx.Gzip ? " after decompression" : ""));

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

    private static InvalidDataException SizeMismatch(Context cx, IdxHeader header, long actual, bool exact) =>
        Fail(cx.Source, SizeMismatchText(cx, header, actual, exact));

    private static string SizeMismatchText(Context cx, IdxHeader header, long actual, bool exact)
    {
        var where = cx.Gzip ? " after decompression" : "";
        var has = exact ? $"{actual}" : $"more than {actual - 1}";
        var what = actual < header.DataLength ? "truncated" : exact ? $"{actual - header.DataLength} trailing bytes" : "trailing bytes";
        return $"declared {header.ShapeString} = {header.DataLength} bytes of data but the file has {has}{where} ({what})";
    }

    /// <summary>Counts (and discards) what is left in the stream, up to <see cref="MaxTrailingCount"/> + 1.</summary>
    private static long CountRemaining(Stream s)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long count = 0;
        int n;
        while (count <= MaxTrailingCount && (n = s.Read(scratch)) > 0) count += n;
        return Math.Min(count, MaxTrailingCount + 1);
    }

    private static int ReadFully(Stream s, Span<byte> buffer)
    {
        var filled = 0;
        int n;
        while (filled < buffer.Length && (n = s.Read(buffer[filled..])) > 0) filled += n;
        return filled;
    }

    internal static InvalidDataException Fail(string source, string message, Exception? inner = null) =>
        new($"{source}: {message}", inner);
}
