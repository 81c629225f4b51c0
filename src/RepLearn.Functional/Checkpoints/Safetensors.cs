using System.Numerics;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RepLearn.Functional.Checkpoints;

/// <summary>
/// The safetensors format (Hugging Face, https://github.com/huggingface/safetensors): an 8-byte
/// little-endian u64 N, then N bytes of UTF-8 JSON
/// <c>{"__metadata__": {string: string}, "name": {"dtype": "F64", "shape": [r, c], "data_offsets": [begin, end]}, ...}</c>
/// padded with spaces so that N is a multiple of 8, then the data buffer: each tensor's elements
/// row-major and little-endian, at [begin, end) counted from the start of the buffer, contiguous and
/// in header order. Files written here load with <c>safetensors.torch.load_file</c>.
/// Reading validates the whole header before allocating any tensor (see <see cref="ReadHeader"/>);
/// nothing in a file is ever executed.
/// </summary>
/// <example><code>
/// using var stream = File.Create("w.safetensors");
/// Safetensors.Write(stream, [SafetensorsTensor.Matrix("weight", w)], new Dictionary&lt;string, string&gt;());
/// </code></example>
public static class Safetensors
{
    /// <summary>The dtype name of IEEE double.</summary>
    public const string F64 = "F64";

    /// <summary>The dtype name of IEEE single.</summary>
    public const string F32 = "F32";

    /// <summary>The reserved header key of the string-to-string metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header accepted, 100,000,000 bytes, as in the reference implementation.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private delegate void ChunkSink(ReadOnlySpan<byte> chunk);

    /// <summary>The safetensors name of a tensor dtype: "F64" for float64, "F32" for float32.</summary>
    public static string NameOf(DType dtype) => dtype == DType.Float32 ? F32 : F64;

    /// <summary>Bytes per element of a supported dtype: F64 -> 8, F32 -> 4.</summary>
    public static int ElementSize(string dtype) => dtype switch
    {
        F64 => 8,
        F32 => 4,
        _ => throw new ArgumentException($"unsupported dtype '{dtype}' (F64 and F32 are)", nameof(dtype)),
    };

    /// <summary>
    /// Writes <paramref name="tensors"/> (in this order, contiguous) and <paramref name="metadata"/>
    /// (keys in ordinal order) to <paramref name="stream"/>. The output is a deterministic function
    /// of the arguments.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty, repeated or "__metadata__"; a shape does not describe its value; a dtype is not F64/F32.</exception>
    public static void Write(Stream stream, IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = HeaderBytes(tensors, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var t in tensors) EachChunk(t, stream.Write);
    }

    /// <summary>
    /// The lowercase hex SHA-256 of the data buffer <see cref="Write"/> would produce for
    /// <paramref name="tensors"/> (the bytes after the header).
    /// </summary>
    public static string DataSha256(IReadOnlyList<SafetensorsTensor> tensors)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var t in tensors) EachChunk(t, hash.AppendData);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Appends the data buffer <see cref="Write"/> would produce for <paramref name="tensors"/> to <paramref name="hash"/>.</summary>
    internal static void AppendData(IncrementalHash hash, IReadOnlyList<SafetensorsTensor> tensors)
    {
        foreach (var t in tensors) EachChunk(t, hash.AppendData);
    }

    /// <summary>
    /// The JSON header <see cref="Write"/> emits, space-padded to a multiple of 8 bytes:
    /// <c>__metadata__</c> first, then each tensor's dtype, shape and data_offsets.
    /// </summary>
    public static byte[] HeaderBytes(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        Validate(tensors);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject(MetadataKey);
            foreach (var key in metadata.Keys.Order(StringComparer.Ordinal))
                json.WriteString(key, metadata[key] ?? throw new ArgumentException($"metadata '{key}' is null", nameof(metadata)));
            json.WriteEndObject();
            long offset = 0;
            foreach (var t in tensors)
            {
                var end = offset + (long)t.Value.Length * ElementSize(t.Dtype);
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", t.Dtype);
                json.WriteStartArray("shape");
                foreach (var size in t.Shape) json.WriteNumberValue(size);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }
        while (buffer.Length % 8 != 0) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads and validates the length prefix and JSON header of a file of <paramref name="length"/>
    /// bytes starting at the stream's position, leaving the stream at the data buffer. Checks, in
    /// order: at least 8 bytes; header length at most <see cref="MaxHeaderLength"/> and within the
    /// file; then every header check of the format (see the class summary). Allocates only the header.
    /// </summary>
    /// <exception cref="InvalidDataException">A check failed; the message names it and the tensor.</exception>
    public static SafetensorsHeader ReadHeader(Stream stream, long length, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (length < 8)
            throw Fail(source, $"file too short: {length} bytes, a safetensors file starts with an 8-byte header length");
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, source);
        var n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > MaxHeaderLength)
            throw Fail(source, $"header length {n} is out of bounds (more than {MaxHeaderLength} bytes)");
        if ((long)n > length - 8)
            throw Fail(source, $"header length {n} is out of bounds: the file has only {length - 8} bytes after the length prefix");
        var json = new byte[n];
        ReadExactly(stream, json, source);
        return SafetensorsHeaderReader.Parse(json, length - 8 - (long)n, source);
    }

    /// <summary>
    /// Reads the data buffer described by <paramref name="header"/> (the stream positioned just after
    /// the header), F64 entries as float64 tensors and F32 entries as float32 ones, and hashes the raw bytes with SHA-256.
    /// </summary>
    public static SafetensorsFile ReadData(Stream stream, SafetensorsHeader header, string source) => ReadData(stream, header, source, null);

    /// <summary><see cref="ReadData(Stream, SafetensorsHeader, string)"/>, also appending the raw data bytes to <paramref name="alsoHash"/>.</summary>
    internal static SafetensorsFile ReadData(Stream stream, SafetensorsHeader header, string source, IncrementalHash? alsoHash)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var tensors = new List<SafetensorsTensor>(header.Entries.Count);
        foreach (var e in header.Entries)
        {
            var (rows, cols) = e.MatrixShape;
            var value = e.Dtype == F32
                ? Tensor.Wrap(rows, cols, ReadValues<float>(stream, Tensor.NewUninitialized<float>(rows, cols), hash, alsoHash, source))
                : Tensor.Wrap(rows, cols, ReadValues<double>(stream, Tensor.NewUninitialized<double>(rows, cols), hash, alsoHash, source));
            tensors.Add(new SafetensorsTensor(e.Name, value, e.Shape) { Dtype = e.Dtype });
        }
        return new SafetensorsFile(tensors.AsReadOnly(), header.Metadata, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Reads a whole file of <paramref name="length"/> bytes: <see cref="ReadHeader"/> then <see cref="ReadData(Stream, SafetensorsHeader, string)"/>.</summary>
    public static SafetensorsFile Read(Stream stream, long length, string source) =>
        ReadData(stream, ReadHeader(stream, length, source), source);

    /// <summary>Reads a whole file held in memory.</summary>
    public static SafetensorsFile Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream, bytes.Length, source);
    }

    /// <summary>Reads a file from disk.</summary>
    public static SafetensorsFile Load(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(file, file.Length, path);
    }

    private static void Validate(IReadOnlyList<SafetensorsTensor> tensors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            if (string.IsNullOrEmpty(t.Name) || t.Name == MetadataKey)
                throw new ArgumentException($"invalid tensor name '{t.Name}'", nameof(tensors));
            if (!names.Add(t.Name)) throw new ArgumentException($"duplicate tensor name '{t.Name}'", nameof(tensors));
            _ = ElementSize(t.Dtype);
            var ok = t.Shape.Length switch
            {
                0 => t.Value.Rows == 1 && t.Value.Cols == 1,
                1 => t.Value.Rows == 1 && t.Shape[0] == t.Value.Cols,
                2 => t.Shape[0] == t.Value.Rows && t.Shape[1] == t.Value.Cols,
                _ => false,
            };
            if (!ok)
                throw new ArgumentException(
                    $"tensor '{t.Name}': shape {SafetensorsTensor.ShapeString(t.Shape)} does not describe a {t.Value.ShapeString} value", nameof(tensors));
        }
    }

    /// <summary>
    /// Feeds the little-endian bytes of one tensor to <paramref name="sink"/>: the buffer itself when the stored dtype is
    /// the tensor's own (on a little-endian machine), else converted (rounded to float32 or widened exactly) in chunks.
    /// </summary>
    private static void EachChunk(SafetensorsTensor t, ChunkSink sink)
    {
        if (t.Value.DType == DType.Float32) EachChunk(t.Value.SpanF32, t.Dtype, sink);
        else EachChunk(t.Value.Span, t.Dtype, sink);
    }

    private static void EachChunk<T>(ReadOnlySpan<T> src, string dtype, ChunkSink sink) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var size = ElementSize(dtype);
        if (size == Unsafe.SizeOf<T>() && BitConverter.IsLittleEndian)
        {
            sink(MemoryMarshal.AsBytes(src));
            return;
        }
        Span<byte> buffer = stackalloc byte[8192];
        var per = buffer.Length / size;
        for (var i = 0; i < src.Length; i += per)
        {
            var n = Math.Min(per, src.Length - i);
            for (var k = 0; k < n; k++)
            {
                if (size == 8) BinaryPrimitives.WriteDoubleLittleEndian(buffer[(8 * k)..], double.CreateTruncating(src[i + k]));
                else BinaryPrimitives.WriteSingleLittleEndian(buffer[(4 * k)..], float.CreateTruncating(src[i + k]));
            }
            sink(buffer[..(n * size)]);
        }
    }

    /// <summary>Fills <paramref name="values"/> from the stream's little-endian bytes of the same element type, hashing them.</summary>
    private static T[] ReadValues<T>(Stream stream, T[] values, IncrementalHash hash, IncrementalHash? alsoHash, string source) where T : unmanaged
    {
        if (BitConverter.IsLittleEndian)
        {
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            ReadExactly(stream, bytes, source);
            hash.AppendData(bytes);
            alsoHash?.AppendData(bytes);
            return values;
        }
        var size = Unsafe.SizeOf<T>();
        Span<byte> buffer = stackalloc byte[8192];
        var per = buffer.Length / size;
        for (var i = 0; i < values.Length; i += per)
        {
            var n = Math.Min(per, values.Length - i);
            var chunk = buffer[..(n * size)];
            ReadExactly(stream, chunk, source);
            hash.AppendData(chunk);
            alsoHash?.AppendData(chunk);
            for (var k = 0; k < n; k++)
            {
                if (size == 8) Unsafe.As<T, double>(ref values[i + k]) = BinaryPrimitives.ReadDoubleLittleEndian(chunk[(8 * k)..]);
                else Unsafe.As<T, float>(ref values[i + k]) = BinaryPrimitives.ReadSingleLittleEndian(chunk[(4 * k)..]);
            }
        }
        return values;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw Fail(source, "file truncated: it ended before the length its header declares", e);
        }
    }

    private static InvalidDataException Fail(string source, string message, Exception? inner = null) =>
        SafetensorsHeaderReader.Fail(source, message, inner);
}
