using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Checkpoints;

public sealed class SafetensorsTests
{
    /// <summary>A file: u64 little-endian header length, the header bytes, then the data.</summary>
    internal static byte[] Craft(byte[] header, byte[] data, ulong? declaredLength = null)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    internal static byte[] Craft(string json, int dataBytes) => Craft(Encoding.UTF8.GetBytes(json), new byte[dataBytes]);

    private static InvalidDataException Fails(byte[] file)
    {
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Parse(file, "bad.safetensors"));
        Assert.StartsWith("bad.safetensors: ", e.Message);
        return e;
    }

    private static string Fails(string json, int dataBytes) => Fails(Craft(json, dataBytes)).Message;

    private static byte[] WriteToBytes(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        Safetensors.Write(stream, tensors, metadata ?? new Dictionary<string, string>());
        return stream.ToArray();
    }

    private static readonly Tensor Awkward = Tensor.FromRows(
    [
        [0.0, -0.0, double.Epsilon, -double.Epsilon],
        [double.MaxValue, double.MinValue, 1.0 / 3.0, Math.PI],
        [1e-310, -2.5e-308, 6.02214076e23, -1.0],
    ]);

    [Fact]
    public void F64_round_trip_is_bit_identical()
    {
        var bias = Tensor.RowVector([0.1, 0.2, 0.3]);
        var bytes = WriteToBytes([SafetensorsTensor.Matrix("w", Awkward), SafetensorsTensor.Vector("b", bias)], new Dictionary<string, string> { ["k"] = "v" });
        var file = Safetensors.Parse(bytes, "mem");
        Assert.Equal(["w", "b"], file.Tensors.Select(t => t.Name));
        Assert.Equal([3, 4], file.Tensors[0].Shape.ToArray());
        Assert.Equal([3], file.Tensors[1].Shape.ToArray());
        Assert.Equal(Bits(Awkward), Bits(file.Find("w")!.Value));
        Assert.Equal((1, 3), (file.Find("b")!.Value.Rows, file.Find("b")!.Value.Cols));
        Assert.Equal(Bits(bias), Bits(file.Find("b")!.Value));
        Assert.Equal("v", file.Metadata["k"]);
        Assert.Equal(Safetensors.DataSha256(file.Tensors), file.DataSha256);
        Assert.Equal(bytes, WriteToBytes(file.Tensors, file.Metadata));
    }

    [Fact]
    public void Layout_is_the_published_one()
    {
        var bytes = WriteToBytes([SafetensorsTensor.Matrix("a", Tensor.FromRows([[1.0, 2.0]])), SafetensorsTensor.Vector("b", Tensor.RowVector([3.0]))],
            new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" });
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        Assert.Equal(8 + n + 24, bytes.Length);
        var json = Encoding.UTF8.GetString(bytes, 8, n);
        Assert.Equal("""{"__metadata__":{"a":"2","z":"1"},"a":{"dtype":"F64","shape":[1,2],"data_offsets":[0,16]},"b":{"dtype":"F64","shape":[1],"data_offsets":[16,24]}}""",
            json.TrimEnd(' '));
        Assert.Equal(7, json.Length - json.TrimEnd(' ').Length); // 137 bytes of JSON + 7 spaces = 144
        Assert.Equal(3.0, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 + n + 16)));
    }

    [Fact]
    public void F32_files_are_read_and_widened()
    {
        var values = Tensor.FromRows([[0.1, -2.5], [1e30, 3.0]]);
        var file = Safetensors.Parse(WriteToBytes([SafetensorsTensor.Matrix("x", values) with { Dtype = Safetensors.F32 }]), "f32");
        Assert.Equal("F32", file.Tensors[0].Dtype);
        Assert.Equal(values.ToArray().Select(v => (double)(float)v), file.Tensors[0].Value.ToArray());

        // Hand-made, independent of the writer: one F32 vector [1.5, -0.25].
        var data = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(data, 1.5f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -0.25f);
        var crafted = Safetensors.Parse(Craft("""{"v":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"""u8.ToArray(), data), "f32");
        Assert.Equal([1.5, -0.25], crafted.Tensors[0].Value.ToArray());
    }

    [Fact]
    public void Scalars_and_empty_tensors_are_allowed()
    {
        var file = Safetensors.Parse(Craft("""{"s":{"dtype":"F64","shape":[],"data_offsets":[0,8]},"e":{"dtype":"F64","shape":[0,5],"data_offsets":[8,8]}}""", 8), "m");
        Assert.Equal((1, 1), (file.Find("s")!.Value.Rows, file.Find("s")!.Value.Cols));
        Assert.Equal((0, 5), (file.Find("e")!.Value.Rows, file.Find("e")!.Value.Cols));
    }

    [Fact]
    public void Tensors_are_ordered_by_offset_whatever_the_json_order()
    {
        var file = Safetensors.Parse(Craft("""{"b":{"dtype":"F64","shape":[1],"data_offsets":[8,16]},"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}""", 16), "m");
        Assert.Equal(["a", "b"], file.Tensors.Select(t => t.Name));
    }

    [Fact]
    public void File_shorter_than_8_bytes() =>
        Assert.Contains("file too short: 5 bytes", Fails(new byte[5]).Message);

    [Fact]
    public void Header_length_beyond_the_limit() =>
        Assert.Contains("header length 100000001 is out of bounds (more than 100000000 bytes)",
            Fails(Craft("{}"u8.ToArray(), [], declaredLength: 100_000_001)).Message);

    [Fact]
    public void Header_length_beyond_the_file() =>
        Assert.Contains("header length 4096 is out of bounds: the file has only 2 bytes after the length prefix",
            Fails(Craft("{}"u8.ToArray(), [], declaredLength: 4096)).Message);

    [Fact]
    public void Header_not_utf8() =>
        Assert.Contains("header is not valid UTF-8", Fails(Craft([(byte)'{', 0xFF, (byte)'}'], [])).Message);

    [Theory]
    [InlineData("""{"a":""")]
    [InlineData("""{"a":{"dtype":"F64",}}""")]
    [InlineData("""{} x""")]
    [InlineData("")]
    public void Header_not_well_formed_json(string json) =>
        Assert.Contains("header is not well-formed JSON", Fails(json, 0));

    [Theory]
    [InlineData("[]")]
    [InlineData("\"a\"")]
    [InlineData("42")]
    public void Header_not_an_object(string json) =>
        Assert.Contains("header is not a JSON object", Fails(json, 0));

    [Fact]
    public void Duplicate_tensor_names_are_detected() =>
        Assert.Contains("duplicate tensor name 'a'", Fails("""
            {"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"a":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}
            """, 16));

    [Fact]
    public void Duplicate_keys_inside_an_entry_or_the_metadata_are_detected()
    {
        Assert.Contains("duplicate key 'dtype' in 'a'", Fails("""{"a":{"dtype":"F64","dtype":"F32","shape":[1],"data_offsets":[0,8]}}""", 8));
        Assert.Contains("duplicate key 'k' in '__metadata__'", Fails("""{"__metadata__":{"k":"1","k":"2"}}""", 0));
    }

    [Theory]
    [InlineData("""{"__metadata__":[]}""", "'__metadata__' is not an object of strings")]
    [InlineData("""{"__metadata__":{"k":1}}""", "'__metadata__' value for 'k' is not a string")]
    public void Metadata_must_map_strings_to_strings(string json, string message) =>
        Assert.Contains(message, Fails(json, 0));

    [Fact]
    public void Entry_must_be_an_object() =>
        Assert.Contains("tensor 'a': entry is not an object", Fails("""{"a":[1]}""", 0));

    [Theory]
    [InlineData("dtype", """{"a":{"shape":[1],"data_offsets":[0,8]}}""")]
    [InlineData("shape", """{"a":{"dtype":"F64","data_offsets":[0,8]}}""")]
    [InlineData("data_offsets", """{"a":{"dtype":"F64","shape":[1]}}""")]
    public void Entry_must_have_dtype_shape_and_offsets(string key, string json) =>
        Assert.Contains($"tensor 'a': entry has no '{key}'", Fails(json, 8));

    [Fact]
    public void Unknown_dtype_is_named() =>
        Assert.Contains("tensor 'a': unknown dtype 'Q7'", Fails("""{"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,8]}}""", 8));

    [Theory]
    [InlineData("F16")]
    [InlineData("BF16")]
    [InlineData("I64")]
    public void Unsupported_dtype_is_named(string dtype) =>
        Assert.Contains($"tensor 'a': dtype {dtype} is not supported (F64 and F32 are)",
            Fails($$$"""{"a":{"dtype":"{{{dtype}}}","shape":[1],"data_offsets":[0,8]}}""", 8));

    [Theory]
    [InlineData("[-1]", "shape entries must be non-negative integers, found -1")]
    [InlineData("[1.5]", "shape entries must be non-negative integers, found 1.5")]
    [InlineData("[\"2\"]", "shape entries must be non-negative integers, found \"2\"")]
    [InlineData("[4294967296]", "shape size 4294967296 is larger than 2147483647")]
    [InlineData("[2147483647,2147483647,2147483647]", "overflows a 64-bit element count")]
    [InlineData("[1,1,1]", "has rank 3; only 0-, 1- and 2-D tensors are supported")]
    [InlineData("[2147483647,2]", "has 4294967294 elements, more than one array can hold")]
    [InlineData("{}", "shape is not an array")]
    public void Shapes_must_be_small_non_negative_integers(string shape, string message)
    {
        var error = Fails($$$"""{"a":{"dtype":"F64","shape":{{{shape}}},"data_offsets":[0,8]}}""", 8);
        Assert.Contains("tensor 'a': ", error);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("[0,16]", "data_offsets [0, 16] span 16 bytes, shape [1] of F64 needs 8")]
    [InlineData("[8,0]", "data_offsets [8, 0] end before they begin")]
    [InlineData("[0]", "data_offsets must be an array [begin, end]")]
    [InlineData("[0,-8]", "data_offsets entries must be non-negative integers, found -8")]
    public void Offsets_must_agree_with_the_shape(string offsets, string message) =>
        Assert.Contains($"tensor 'a': {message}", Fails($$$"""{"a":{"dtype":"F64","shape":[1],"data_offsets":{{{offsets}}}}}""", 16));

    [Theory]
    [InlineData("[8,16]", "[16,24]", 24, "tensor 'a' begins at byte 8, expected 0 (gap)")]
    [InlineData("[0,8]", "[16,24]", 24, "tensor 'b' begins at byte 16, expected 8 (gap)")]
    [InlineData("[0,8]", "[4,12]", 12, "tensor 'b' begins at byte 4, expected 8 (overlap)")]
    [InlineData("[0,8]", "[8,16]", 24, "tensors end at byte 16, the data buffer has 24 bytes (trailing bytes)")]
    [InlineData("[0,8]", "[8,16]", 12, "tensors end at byte 16, the data buffer has 12 bytes (truncated)")]
    public void Offsets_must_be_contiguous_from_zero_and_cover_the_buffer(string a, string b, int dataBytes, string message) =>
        Assert.Contains(message, Fails($$$"""{"a":{"dtype":"F64","shape":[1],"data_offsets":{{{a}}}},"b":{"dtype":"F64","shape":[1],"data_offsets":{{{b}}}}}""", dataBytes));

    [Fact]
    public void A_huge_declared_tensor_is_rejected_before_allocation()
    {
        var file = Craft("""{"a":{"dtype":"F64","shape":[100000,10000],"data_offsets":[0,8000000000]}}""", 16);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("the data buffer has 16 bytes (truncated)", Fails(file).Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void A_stream_shorter_than_its_declared_length_is_an_error_not_a_crash()
    {
        var bytes = WriteToBytes([SafetensorsTensor.Matrix("w", Awkward)]);
        using var stream = new MemoryStream(bytes[..^8]);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(stream, bytes.Length, "s"));
        Assert.Contains("file truncated", e.Message);
    }

    [Fact]
    public void Write_rejects_bad_tensors()
    {
        var x = Tensor.FromRows([[1.0, 2.0]]);
        Assert.Throws<ArgumentException>(() => WriteToBytes([SafetensorsTensor.Matrix("a", x), SafetensorsTensor.Matrix("a", x)]));
        Assert.Throws<ArgumentException>(() => WriteToBytes([SafetensorsTensor.Matrix("__metadata__", x)]));
        Assert.Throws<ArgumentException>(() => WriteToBytes([new SafetensorsTensor("a", x, [2, 1])]));
        Assert.Throws<ArgumentException>(() => WriteToBytes([SafetensorsTensor.Matrix("a", x) with { Dtype = "F16" }]));
        Assert.Throws<ArgumentException>(() => SafetensorsTensor.Vector("a", Tensor.Zeros(2, 2)));
    }

    [Fact]
    public void Names_and_metadata_are_written_as_valid_json()
    {
        var bytes = WriteToBytes([SafetensorsTensor.Matrix("é \"q\" <x>", Tensor.Scalar(1))], new Dictionary<string, string> { ["k"] = "line\nbreak" });
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var doc = JsonDocument.Parse(bytes.AsMemory(8, n));
        Assert.Equal("line\nbreak", doc.RootElement.GetProperty("__metadata__").GetProperty("k").GetString());
        Assert.Equal("é \"q\" <x>", Safetensors.Parse(bytes, "m").Tensors[0].Name);
    }

    private static long[] Bits(Tensor t) => [.. t.ToArray().Select(BitConverter.DoubleToInt64Bits)];
}
