using System.Buffers.Binary;
using System.IO.Compression;

namespace RepLearn.Functional.Data;

/// <summary>
/// The inflated bytes of a gzip file (RFC 1952) that must hold exactly one member, verified to its last byte.
/// .NET's GZipStream reads ahead and accepts concatenated members, and reports a bad CRC as "unsupported
/// compression method"; so the header is parsed here (CM = 8, reserved flags clear, FEXTRA, FNAME, FCOMMENT, and
/// FHCRC checked), the body is inflated by a raw <see cref="DeflateStream"/> fed so that the end of the deflate
/// data is known to the byte (the last 72 bytes before the end of the file are fed one at a time), and at the end
/// of the stream: the deflate data must end exactly 8 bytes before the end of the file, and those 8 bytes must be
/// the CRC-32 and the length mod 2^32 (ISIZE) of what was inflated. Every failure is an
/// <see cref="InvalidDataException"/> naming the file: "truncated gzip trailer", "truncated gzip data",
/// "junk after the gzip member", "gzip CRC-32 mismatch", "gzip ISIZE mismatch", "not valid gzip data".
/// The trailer is read first, so <see cref="TrailerSize"/> and <see cref="MaxInflated"/> can refuse a declared
/// size before anything is inflated.
/// </summary>
internal sealed class GzipMember : ReadOnlyForwardStream
{
    /// <summary>Deflate's densest code spends 2 bits (a 1-bit length and a 1-bit distance code) on 258 bytes: a body of N bytes inflates to at most 1032 N.</summary>
    public const long MaxInflationRatio = 1032;

    /// <summary>Bytes before the trailer fed to the inflater one at a time, so that junk up to this long is counted exactly.</summary>
    private const int ExactZone = 64;

    private const byte FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10, FlagsReserved = 0xE0;

    private readonly string source;
    private readonly long trailerStart;
    private readonly BodyFeed feed;
    private readonly DeflateStream inflater;
    private uint crc = Crc32.Start;
    private long inflated;
    private bool verified;

    private GzipMember(Stream file, string source, long bodyStart, long end, uint trailerCrc, uint trailerSize)
    {
        this.source = source;
        trailerStart = end - 8;
        BodyLength = Math.Max(0, trailerStart - bodyStart);
        TrailerCrc = trailerCrc;
        TrailerSize = trailerSize;
        feed = new BodyFeed(file, bodyStart, end, Math.Max(bodyStart, trailerStart - ExactZone));
        inflater = new DeflateStream(feed, CompressionMode.Decompress, leaveOpen: false);
    }

    /// <summary>Bytes between the header and the last 8 bytes of the file (the deflate data, if the file is well formed).</summary>
    public long BodyLength { get; }

    /// <summary>The CRC-32 the last 8 bytes of the file claim.</summary>
    public uint TrailerCrc { get; }

    /// <summary>The ISIZE the last 8 bytes of the file claim: the inflated length mod 2^32.</summary>
    public uint TrailerSize { get; }

    /// <summary>The most bytes the body can inflate to (<see cref="MaxInflationRatio"/> x <see cref="BodyLength"/>).</summary>
    public long MaxInflated => MemoryFootprint.Product(BodyLength, MaxInflationRatio);

    /// <summary>The inflated length, when the body is too short to inflate past 2^32 bytes (so ISIZE is the whole length); else null.</summary>
    public long? ExactSize => MaxInflated < 1L << 32 ? TrailerSize : null;

    /// <summary>Reads and checks the header of the member starting at <paramref name="file"/>'s position, and the file's last 8 bytes.</summary>
    /// <param name="file">A seekable stream positioned at the magic bytes 1F 8B; it must end where the member ends. Not disposed.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <exception cref="InvalidDataException">The header is truncated or invalid.</exception>
    public static GzipMember Open(Stream file, string source)
    {
        if (!file.CanSeek) throw new ArgumentException("a gzip member is read from a seekable stream", nameof(file));
        var end = file.Length;
        var bodyStart = ReadHeader(file, end, source);
        uint trailerCrc = 0, trailerSize = 0;
        if (end - 8 >= bodyStart)
        {
            Span<byte> trailer = stackalloc byte[8];
            file.Position = end - 8;
            file.ReadExactly(trailer);
            trailerCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            trailerSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        }
        return new GzipMember(file, source, bodyStart, end, trailerCrc, trailerSize);
    }

    /// <summary>Parses the RFC 1952 header; returns the position of the deflate data.</summary>
    private static long ReadHeader(Stream file, long end, string source)
    {
        var state = Crc32.Start;
        byte Next(string field)
        {
            var b = file.ReadByte();
            if (b < 0) throw Fail(source, $"truncated gzip header: the file ends inside the {field}");
            var one = (byte)b;
            state = Crc32.Update(state, [one]);
            return one;
        }

        if (Next("magic number") != 0x1F || Next("magic number") != 0x8B) throw Fail(source, "not a gzip file: the magic number is not 1F 8B");
        var method = Next("compression method");
        if (method != 8) throw Fail(source, $"unsupported gzip compression method {method} (8, deflate, is the only one defined)");
        var flags = Next("flags");
        if ((flags & FlagsReserved) != 0) throw Fail(source, $"invalid gzip header: reserved flag bits 0x{flags & FlagsReserved:X2} are set");
        for (var i = 0; i < 6; i++) Next("modification time and OS fields");
        if ((flags & FlagExtra) != 0)
        {
            var length = Next("extra field length") | (Next("extra field length") << 8);
            if (file.Position + length > end) throw Fail(source, $"truncated gzip header: the {length}-byte extra field runs past the end of the file");
            for (var i = 0; i < length; i++) Next("extra field");
        }
        if ((flags & FlagName) != 0) while (Next("file name (no terminating zero byte)") != 0) { }
        if ((flags & FlagComment) != 0) while (Next("comment (no terminating zero byte)") != 0) { }
        if ((flags & FlagHeaderCrc) != 0)
        {
            var expected = (ushort)Crc32.Finish(state);
            var stored = Next("header CRC-16") | (Next("header CRC-16") << 8);
            if (stored != expected) throw Fail(source, $"gzip header CRC-16 mismatch: the header says {stored:x4}, its bytes have {expected:x4}");
        }
        return file.Position;
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (verified || buffer.IsEmpty) return 0;
        int n;
        try
        {
            n = inflater.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Fail(source, $"not valid gzip data: the deflate data is corrupt (the inflater refused it by compressed byte {feed.Offset})", e);
        }
        if (n > 0)
        {
            crc = Crc32.Update(crc, buffer[..n]);
            inflated += n;
            return n;
        }
        Verify();
        verified = true;
        return 0;
    }

    /// <summary>At the end of the deflate data: it ends exactly at the trailer, and the trailer matches what was inflated.</summary>
    private void Verify()
    {
        if (feed.EndRequested)
            throw Fail(source, "truncated gzip data: the deflate stream is unfinished at the end of the file (its last bytes and the 8-byte trailer are missing)");
        var end = feed.Offset;
        if (end > trailerStart)
            throw Fail(source, $"truncated gzip trailer: the deflate data ends {trailerStart + 8 - end} byte(s) before the end of the file, but the CRC-32 and ISIZE trailer needs 8");
        if (end < trailerStart)
            throw Fail(source, $"junk after the gzip member: {(feed.Exact ? "" : "at least ")}{trailerStart - end} byte(s) follow its 8-byte trailer "
                + "(a file must hold one gzip member and end with its trailer)");
        var actual = Crc32.Finish(crc);
        if (actual != TrailerCrc)
            throw Fail(source, $"gzip CRC-32 mismatch: the trailer says {TrailerCrc:x8}, the inflated data has {actual:x8}");
        if ((uint)inflated != TrailerSize)
            throw Fail(source, $"gzip ISIZE mismatch: the trailer says {TrailerSize} bytes (the inflated length mod 2^32), the data inflated to {inflated} bytes");
    }

    private static InvalidDataException Fail(string source, string message, Exception? inner = null) => new($"{source}: {message}", inner);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) inflater.Dispose();
        base.Dispose(disposing);
    }


    /// <summary>
    /// Feeds the inflater the file from the deflate data to the end: in chunks that never cross
    /// <c>exactFrom</c>, then one byte per read, so that once the inflater stops asking (it asks for no more
    /// input after the final block) <see cref="Offset"/> is exactly where the deflate data ended.
    /// </summary>
    private sealed class BodyFeed(Stream file, long start, long end, long exactFrom) : ReadOnlyForwardStream
    {
        /// <summary>The offset in the file of the next byte to hand out.</summary>
        public long Offset { get; private set; } = start;

        /// <summary>True once the inflater asked for input past the end of the file (the deflate data is unfinished).</summary>
        public bool EndRequested { get; private set; }

        /// <summary>True when <see cref="Offset"/> is exactly the end of the deflate data (it ended inside the one-byte zone).</summary>
        public bool Exact => Offset > exactFrom;

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            if (Offset >= end)
            {
                EndRequested = true;
                return 0;
            }
            var limit = Offset < exactFrom ? exactFrom : Offset + 1;
            file.Position = Offset;
            var got = file.Read(buffer[..(int)Math.Min(buffer.Length, limit - Offset)]);
            if (got == 0) EndRequested = true;
            Offset += got;
            return got;
        }

    }
}
