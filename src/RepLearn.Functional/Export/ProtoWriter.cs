using System.Buffers.Binary;
using System.Text;

namespace RepLearn.Functional.Export;

/// <summary>
/// The few protocol-buffer encodings an ONNX file needs, written by hand so that the core takes no protobuf
/// dependency (https://protobuf.dev/programming-guides/encoding/): a field is a key varint (field number &lt;&lt; 3 |
/// wire type) then its payload; wire type 0 is a varint (int32/int64/enum; negative values as ten-byte two's
/// complement), wire type 2 is length-delimited (a varint byte count, then the bytes of a string, a bytes field
/// or a nested message). Messages are built inside out: a nested message is encoded into its own writer first,
/// so its length is known when the parent writes it. Fields at their default (0, "") are still written when
/// asked: the ONNX readers accept both, and explicit is easier to audit.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintWire = 0;
    private const int LengthDelimitedWire = 2;

    private readonly MemoryStream buffer = new();

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => buffer.ToArray();

    /// <summary>Field <paramref name="field"/> as a varint (int32, int64 and enum fields).</summary>
    public ProtoWriter Varint(int field, long value)
    {
        Key(field, VarintWire);
        RawVarint(unchecked((ulong)value));
        return this;
    }

    /// <summary>Field <paramref name="field"/> as a UTF-8 string (length-delimited).</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>Field <paramref name="field"/> as raw bytes (length-delimited).</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimitedWire);
        RawVarint((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    /// <summary>Field <paramref name="field"/> as a nested message, written by <paramref name="write"/> into its own writer.</summary>
    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        return Bytes(field, nested.buffer.GetBuffer().AsSpan(0, (int)nested.buffer.Length));
    }

    /// <summary>A repeated field, one entry per item (unpacked: valid for every field type and every reader).</summary>
    public ProtoWriter Each<T>(IEnumerable<T> items, Action<ProtoWriter, T> write)
    {
        foreach (var item in items) write(this, item);
        return this;
    }

    /// <summary>Little-endian IEEE 754 bytes of <paramref name="values"/> as float32 (rounded to nearest) or float64.</summary>
    public static byte[] LittleEndian(ReadOnlySpan<double> values, bool asFloat32)
    {
        var bytes = new byte[values.Length * (asFloat32 ? sizeof(float) : sizeof(double))];
        for (var i = 0; i < values.Length; i++)
        {
            if (asFloat32) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), (float)values[i]);
            else BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }
        return bytes;
    }

    private void Key(int field, int wireType)
    {
        if (field < 1) throw new ArgumentOutOfRangeException(nameof(field), field, "protobuf field numbers start at 1");
        RawVarint(((ulong)field << 3) | (uint)wireType);
    }

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.WriteByte((byte)value);
    }
}
