using System.Globalization;
using System.Text;

namespace RepLearn.Tests.Export;

/// <summary>
/// Reads an ONNX file's protobuf bytes back, independently of the writer (a generic field walker and the field numbers
/// of onnx.proto), into lines that name everything a consumer relies on: IR version, opset, producer, metadata, the
/// graph's name, its input and output (element type and shape), each initializer (type, shape, byte count) and each node
/// (name, operator, inputs, outputs, attributes). The producer version is left out, so a version bump is not a diff.
/// </summary>
internal static class OnnxStructure
{
    public static List<string> Describe(byte[] model)
    {
        var lines = new List<string>();
        foreach (var (field, value) in Fields(model))
        {
            switch (field)
            {
                case 1: lines.Add($"ir_version {Varint(value)}"); break;
                case 2: lines.Add($"producer_name {Text(value)}"); break;
                case 3: break; // producer_version
                case 7: lines.AddRange(Graph(Bytes(value))); break;
                case 8: lines.Add($"opset_import domain '{Text(Single(value, 1) ?? Array.Empty<byte>())}' version {Varint(Single(Bytes(value), 2)!)}"); break;
                case 14: lines.Add($"metadata {Text(Single(Bytes(value), 1)!)} = {Text(Single(Bytes(value), 2)!)}"); break;
                default: lines.Add($"unexpected ModelProto field {field}"); break;
            }
        }
        return lines;
    }

    private static IEnumerable<string> Graph(byte[] graph)
    {
        foreach (var (field, value) in Fields(graph))
        {
            yield return field switch
            {
                1 => Node(Bytes(value)),
                2 => $"graph {Text(value)}",
                5 => Initializer(Bytes(value)),
                11 => $"input {ValueInfo(Bytes(value))}",
                12 => $"output {ValueInfo(Bytes(value))}",
                _ => $"unexpected GraphProto field {field}",
            };
        }
    }

    private static string Node(byte[] node)
    {
        var f = Fields(node).ToList();
        string All(int n) => string.Join(", ", f.Where(x => x.Field == n).Select(x => Text(x.Value)));
        var attributes = f.Where(x => x.Field == 5).Select(x =>
        {
            var a = Bytes(x.Value);
            return $" {Text(Single(a, 1)!)}={Varint(Single(a, 3)!)} (type {Varint(Single(a, 20)!)})";
        });
        return $"node {All(3)}: {All(4)}({All(1)}) -> {All(2)}{string.Concat(attributes)} domain '{All(7)}'";
    }

    private static string Initializer(byte[] tensor)
    {
        var f = Fields(tensor).ToList();
        var dims = string.Join(", ", f.Where(x => x.Field == 1).Select(x => Varint(x.Value)));
        var type = ElementType(Varint(f.Single(x => x.Field == 2).Value));
        var raw = Bytes(f.Single(x => x.Field == 9).Value);
        return $"initializer {Text(f.Single(x => x.Field == 8).Value)} {type} [{dims}] {raw.Length} bytes";
    }

    private static string ValueInfo(byte[] info)
    {
        var name = Text(Single(info, 1)!);
        var tensorType = Bytes(Single(Bytes(Single(info, 2)!), 1)!);
        var type = ElementType(Varint(Single(tensorType, 1)!));
        var dims = Fields(Bytes(Single(tensorType, 2)!)).Where(x => x.Field == 1).Select(x =>
        {
            var d = Fields(Bytes(x.Value)).Single();
            return d.Field == 2 ? Text(d.Value) : Varint(d.Value).ToString(CultureInfo.InvariantCulture);
        });
        return $"{name} {type} [{string.Join(", ", dims)}]";
    }

    private static string ElementType(long code) => code switch { 1 => "float", 11 => "double", _ => $"type {code}" };

    /// <summary>The fields of one message: (number, varint as ulong or bytes); a wire type other than 0 or 2 fails.</summary>
    private static IEnumerable<(int Field, object Value)> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = ReadVarint(message, ref at);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            if (wire == 0) yield return (field, ReadVarint(message, ref at));
            else if (wire == 2)
            {
                var length = (int)ReadVarint(message, ref at);
                yield return (field, message[at..(at + length)]);
                at += length;
            }
            else throw new InvalidDataException($"field {field}: wire type {wire} is not written by the exporter");
        }
    }

    private static object? Single(object message, int field) => Fields(Bytes(message)).Where(f => f.Field == field).Select(f => f.Value).SingleOrDefault();

    private static ulong ReadVarint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }

    private static long Varint(object value) => unchecked((long)(ulong)value);

    private static byte[] Bytes(object value) => (byte[])value;

    private static string Text(object value) => Encoding.UTF8.GetString(Bytes(value));
}
