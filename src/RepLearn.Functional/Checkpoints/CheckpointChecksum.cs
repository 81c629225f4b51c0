using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RepLearn.Functional.Checkpoints;

/// <summary>
/// The checksum of a checkpoint of format_version "2": the lowercase hex SHA-256 of a canonical encoding of all
/// metadata except the checksum itself, the tensor entries and the data buffer, so that changing any metadata
/// value (a hyperparameter such as decoder_log_var, the model kind, the format version) or any tensor's name,
/// shape or bytes fails the check. The encoding, every integer an unsigned 64-bit little-endian number and every
/// string its UTF-8 bytes preceded by their count:
/// <list type="number">
/// <item>the number of metadata entries other than "checksum", then each entry in ordinal (byte-wise) order of its
/// key: the key, then the value;</item>
/// <item>the number of tensors, then each tensor in data order: its name, its dtype, its rank, each dimension, and
/// its data_offsets begin and end;</item>
/// <item>the data buffer, as stored.</item>
/// </list>
/// Format version "1" checksums covered the data buffer alone (<see cref="Safetensors.DataSha256"/>); such files
/// still load, with a note saying so.
/// </summary>
public static class CheckpointChecksum
{
    /// <summary>The metadata key of the checksum, the one key the checksum does not cover.</summary>
    public const string Key = "checksum";

    /// <summary>The format-version-2 checksum of a file that <see cref="Safetensors.Write"/> would write from these tensors and metadata.</summary>
    /// <param name="metadata">The metadata; a "checksum" entry, if any, is ignored.</param>
    /// <param name="tensors">The tensors, in the order they are written.</param>
    public static string Compute(IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafetensorsTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(tensors);
        var entries = new List<(string Name, string Dtype, IReadOnlyList<int> Shape, long Begin, long End)>(tensors.Count);
        long offset = 0;
        foreach (var t in tensors)
        {
            var end = offset + (long)t.Value.Length * Safetensors.ElementSize(t.Dtype);
            entries.Add((t.Name, t.Dtype, t.Shape, offset, end));
            offset = end;
        }
        using var hash = Start(metadata, entries);
        Safetensors.AppendData(hash, tensors);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Checks <paramref name="checksum"/> against the file whose header was just read (the stream at the start of the
    /// data buffer): the version-2 checksum when <paramref name="coversMetadata"/>, else the data's SHA-256 (version 1).
    /// The data is hashed in 64 KB chunks, nothing allocated in proportion to it; the stream is then returned to the
    /// start of the data.
    /// </summary>
    /// <exception cref="InvalidDataException">The checksum does not match, or the file ends early.</exception>
    internal static void Verify(Stream stream, SafetensorsHeader header, string checksum, bool coversMetadata, string source)
    {
        var start = stream.Position;
        using var hash = coversMetadata ? Start(header) : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[(int)Math.Min(1 << 16, Math.Max(1, header.DataLength))];
        for (var left = header.DataLength; left > 0;)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) throw new InvalidDataException($"{source}: file truncated: it ended before the length its header declares");
            hash.AppendData(buffer, 0, n);
            left -= n;
        }
        stream.Position = start;
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(actual, checksum, StringComparison.Ordinal)) throw Mismatch(source, checksum, actual, coversMetadata);
    }

    /// <summary>The error for a checksum that does not match, naming the file, both values and what the checksum covers.</summary>
    internal static InvalidDataException Mismatch(string source, string stored, string actual, bool coversMetadata) => new(coversMetadata
        ? $"{source}: checksum mismatch: metadata says {stored}, the metadata, tensor entries and data hash to {actual} "
            + "(format_version 2: any changed metadata value, tensor name, shape or data byte fails this check)"
        : $"{source}: checksum mismatch: metadata says {stored}, the data hashes to {actual}");

    /// <summary>A SHA-256 fed with the encoding's first two parts for a validated header; the caller appends the data buffer.</summary>
    internal static IncrementalHash Start(SafetensorsHeader header) =>
        Start(header.Metadata, [.. header.Entries.Select(e => (e.Name, e.Dtype, (IReadOnlyList<int>)e.Shape, e.Begin, e.End))]);

    private static IncrementalHash Start(IReadOnlyDictionary<string, string> metadata,
        IReadOnlyList<(string Name, string Dtype, IReadOnlyList<int> Shape, long Begin, long End)> entries)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var covered = metadata.Where(kv => kv.Key != Key).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        Number(hash, covered.Count);
        foreach (var (key, value) in covered)
        {
            Text(hash, key);
            Text(hash, value);
        }
        Number(hash, entries.Count);
        foreach (var (name, dtype, shape, begin, end) in entries)
        {
            Text(hash, name);
            Text(hash, dtype);
            Number(hash, shape.Count);
            foreach (var size in shape) Number(hash, size);
            Number(hash, begin);
            Number(hash, end);
        }
        return hash;
    }

    private static void Number(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)value);
        hash.AppendData(bytes);
    }

    private static void Text(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Number(hash, bytes.Length);
        hash.AppendData(bytes);
    }
}
