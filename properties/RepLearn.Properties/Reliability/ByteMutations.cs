using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;

namespace RepLearn.Properties.Reliability;

/// <summary>One edit of a file's bytes.</summary>
/// <param name="Kind">flip (one bit), truncate, insert (1 to 8 bytes), overwrite (4 bytes), or length (a size field set to an awkward value).</param>
/// <param name="Position">Where, taken modulo the length (of the header region when <paramref name="InHeader"/>).</param>
/// <param name="Value">The bit to flip, or which awkward size to write.</param>
/// <param name="Bytes">The bytes inserted or written.</param>
/// <param name="InHeader">Aim at the first bytes (the header), where most checks live.</param>
public sealed record ByteMutation(string Kind, int Position, int Value, byte[] Bytes, bool InHeader)
{
    /// <summary>Sizes that sit on the edges of the checks: zero, one byte off, past the file, past int and past long.</summary>
    private static ulong Awkward(int value, long length) => (value % 9) switch
    {
        0 => 0,
        1 => (ulong)Math.Max(0, length - 1),
        2 => (ulong)length + 1,
        3 => (ulong)length * 1000,
        4 => int.MaxValue,
        5 => uint.MaxValue,
        6 => 100_000_001,
        7 => ulong.MaxValue,
        _ => (ulong)value,
    };

    /// <summary>
    /// The edited copy of <paramref name="bytes"/>. <paramref name="sizeFields"/> are the offsets of the format's size
    /// fields with their width and byte order (8 little-endian for safetensors; 4 big-endian for IDX dimensions).
    /// </summary>
    public byte[] Apply(byte[] bytes, int headerLength, IReadOnlyList<(int Offset, int Width, bool BigEndian)> sizeFields)
    {
        var span = InHeader ? Math.Max(1, Math.Min(headerLength, bytes.Length)) : Math.Max(1, bytes.Length);
        var at = Position % span;
        switch (Kind)
        {
            case "flip" when bytes.Length > 0:
                var flipped = bytes.ToArray();
                flipped[at % bytes.Length] ^= (byte)(1 << (Value % 8));
                return flipped;
            case "truncate":
                return bytes[..(at % (bytes.Length + 1))];
            case "insert":
                var point = at % (bytes.Length + 1);
                return [.. bytes[..point], .. Bytes, .. bytes[point..]];
            case "overwrite" when bytes.Length > 0:
                var written = bytes.ToArray();
                for (var i = 0; i < 4 && i < Bytes.Length; i++) written[(at + i) % written.Length] = Bytes[i];
                return written;
            case "length" when sizeFields.Count > 0:
                var (offset, width, bigEndian) = sizeFields[Value % sizeFields.Count];
                if (offset + width > bytes.Length) return bytes;
                var sized = bytes.ToArray();
                var value = Awkward(Position, bytes.Length);
                if (width == 8) BinaryPrimitives.WriteUInt64LittleEndian(sized.AsSpan(offset), value);
                else if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(sized.AsSpan(offset), (uint)value);
                else BinaryPrimitives.WriteUInt32LittleEndian(sized.AsSpan(offset), (uint)value);
                return sized;
            default:
                return bytes;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}(at {Position}{(InHeader ? " in header" : "")}, value {Value}, bytes {Convert.ToHexString(Bytes)})";
}

/// <summary>One to three edits applied in turn.</summary>
public sealed record ByteMutations(ByteMutation[] Steps, int Pick)
{
    /// <summary>The file after every edit.</summary>
    public byte[] Apply(byte[] bytes, int headerLength, IReadOnlyList<(int Offset, int Width, bool BigEndian)> sizeFields) =>
        Steps.Aggregate(bytes, (b, m) => m.Apply(b, headerLength, sizeFields));

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", Steps.Select(s => s.ToString()))}] pick {Pick}";
}

/// <summary>FsCheck arbitraries for byte mutations (no shrinking: a failing case prints its edits).</summary>
public static class MutationGens
{
    private static Gen<ByteMutation> One =>
        from kind in Gen.Elements("flip", "flip", "truncate", "insert", "overwrite", "length", "length")
        from position in Gen.Choose(0, int.MaxValue)
        from value in Gen.Choose(0, int.MaxValue)
        from count in Gen.Choose(1, 8)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), count)
        from inHeader in Gen.Elements(true, false)
        select new ByteMutation(kind, position, value, bytes, inHeader);

    /// <summary>Arbitrary for <see cref="ByteMutations"/>.</summary>
    public static Arbitrary<ByteMutations> Mutations() => Arb.From(
        from n in Gen.Frequency((6, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3)))
        from steps in Gen.ArrayOf(One, n)
        from pick in Gen.Choose(0, int.MaxValue)
        select new ByteMutations(steps, pick));
}
