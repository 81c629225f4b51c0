using System.Text.Json;
using System.Text.Unicode;

namespace RepLearn.Functional.Checkpoints;

/// <summary>
/// Parses and validates the JSON header of a safetensors file, in this order: UTF-8, well-formed JSON
/// whose root is an object; no duplicate keys (System.Text.Json's DOM keeps duplicates, so a
/// <see cref="Utf8JsonReader"/> pass finds them); metadata a string-to-string object; each entry has
/// dtype, shape and data_offsets; dtype known; shapes non-negative integers of rank at most 2 with
/// overflow-checked sizes; data_offsets consistent with shape * dtype size; offsets sorted, contiguous
/// from 0, covering the data buffer exactly. Every failure is one <see cref="InvalidDataException"/>.
/// </summary>
internal static class SafetensorsHeaderReader
{
    private static readonly HashSet<string> KnownUnsupported =
    [
        "BOOL", "U8", "I8", "I16", "U16", "I32", "U32", "I64", "U64", "F16", "BF16",
        "F8_E5M2", "F8_E4M3", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64",
    ];

    public static SafetensorsHeader Parse(ReadOnlySpan<byte> json, long dataLength, string source)
    {
        if (!Utf8.IsValid(json)) throw Fail(source, "header is not valid UTF-8");
        CheckWellFormedObject(json, source);
        CheckNoDuplicateKeys(json, source);

        using var document = JsonDocument.Parse(json.ToArray());
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = new List<(string Name, JsonElement Entry)>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == Safetensors.MetadataKey) ReadMetadata(property.Value, metadata, source);
            else raw.Add((property.Name, property.Value));
        }

        foreach (var (name, entry) in raw)
        {
            if (entry.ValueKind != JsonValueKind.Object) throw Fail(source, $"tensor '{name}': entry is not an object");
            foreach (var key in (string[])["dtype", "shape", "data_offsets"])
                if (!entry.TryGetProperty(key, out _)) throw Fail(source, $"tensor '{name}': entry has no '{key}'");
        }
        var dtypes = raw.Select(r => ReadDtype(r.Name, r.Entry.GetProperty("dtype"), source)).ToArray();
        var shapes = raw.Select((r, i) => ReadShape(r.Name, r.Entry.GetProperty("shape"), dtypes[i], source)).ToArray();
        var entries = raw.Select((r, i) => ReadOffsets(r.Name, r.Entry.GetProperty("data_offsets"), dtypes[i], shapes[i], source)).ToList();

        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        foreach (var e in entries)
        {
            if (e.Begin != expected)
                throw Fail(source, $"data_offsets not contiguous: tensor '{e.Name}' begins at byte {e.Begin}, expected {expected} "
                    + (e.Begin > expected ? "(gap)" : "(overlap)"));
            expected = e.End;
        }
        if (expected != dataLength)
            throw Fail(source, $"data_offsets do not cover the buffer: tensors end at byte {expected}, the data buffer has {dataLength} bytes "
                + (dataLength > expected ? "(trailing bytes)" : "(truncated)"));
        return new SafetensorsHeader(entries.AsReadOnly(), metadata.AsReadOnly(), dataLength);
    }

    private static void CheckWellFormedObject(ReadOnlySpan<byte> json, string source)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw Fail(source, $"header is not a JSON object (it starts with {reader.TokenType})");
            reader.Skip();
            if (reader.Read()) throw Fail(source, "header is not well-formed JSON: content after the object");
        }
        catch (JsonException e)
        {
            throw Fail(source, $"header is not well-formed JSON: {e.Message}", e);
        }
    }

    private static void CheckNoDuplicateKeys(ReadOnlySpan<byte> json, string source)
    {
        var reader = new Utf8JsonReader(json);
        var scopes = new Stack<(HashSet<string> Keys, string Owner)>();
        string? lastKey = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    scopes.Push(([], lastKey ?? ""));
                    lastKey = null;
                    break;
                case JsonTokenType.EndObject:
                    scopes.Pop();
                    break;
                case JsonTokenType.StartArray:
                    lastKey = null;
                    break;
                case JsonTokenType.PropertyName:
                    var key = reader.GetString()!;
                    var (keys, owner) = scopes.Peek();
                    if (!keys.Add(key))
                        throw Fail(source, scopes.Count == 1
                            ? $"duplicate tensor name '{key}'"
                            : $"duplicate key '{key}' in '{owner}'");
                    lastKey = key;
                    break;
            }
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Fail(source, $"'{Safetensors.MetadataKey}' is not an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Fail(source, $"'{Safetensors.MetadataKey}' value for '{item.Name}' is not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static string ReadDtype(string name, JsonElement value, string source)
    {
        if (value.ValueKind != JsonValueKind.String) throw Fail(source, $"tensor '{name}': dtype is not a string");
        var dtype = value.GetString()!;
        if (dtype is Safetensors.F64 or Safetensors.F32) return dtype;
        throw Fail(source, KnownUnsupported.Contains(dtype)
            ? $"tensor '{name}': dtype {dtype} is not supported (F64 and F32 are)"
            : $"tensor '{name}': unknown dtype '{dtype}'");
    }

    private static ImmutableArray<int> ReadShape(string name, JsonElement value, string dtype, string source)
    {
        if (value.ValueKind != JsonValueKind.Array) throw Fail(source, $"tensor '{name}': shape is not an array");
        var shape = new List<int>();
        long elements = 1;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var size) || size < 0)
                throw Fail(source, $"tensor '{name}': shape entries must be non-negative integers, found {item.GetRawText()}");
            if (size > int.MaxValue)
                throw Fail(source, $"tensor '{name}': shape size {size} is larger than {int.MaxValue}");
            try
            {
                elements = checked(elements * size);
            }
            catch (OverflowException)
            {
                throw Fail(source, $"tensor '{name}': shape {value.GetRawText()} overflows a 64-bit element count");
            }
            shape.Add((int)size);
        }
        if (shape.Count > 2)
            throw Fail(source, $"tensor '{name}': shape {SafetensorsTensor.ShapeString(shape)} has rank {shape.Count}; only 0-, 1- and 2-D tensors are supported");
        if (elements > Array.MaxLength)
            throw Fail(source, $"tensor '{name}': shape {SafetensorsTensor.ShapeString(shape)} has {elements} elements, more than one array can hold");
        return [.. shape];
    }

    private static SafetensorsEntry ReadOffsets(string name, JsonElement value, string dtype, ImmutableArray<int> shape, string source)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
            throw Fail(source, $"tensor '{name}': data_offsets must be an array [begin, end]");
        var begin = ReadOffset(name, value[0], source);
        var end = ReadOffset(name, value[1], source);
        if (end < begin) throw Fail(source, $"tensor '{name}': data_offsets [{begin}, {end}] end before they begin");
        var needed = Safetensors.ElementSize(dtype) * shape.Aggregate(1L, (a, b) => a * b);
        if (end - begin != needed)
            throw Fail(source, $"tensor '{name}': data_offsets [{begin}, {end}] span {end - begin} bytes, "
                + $"shape {SafetensorsTensor.ShapeString(shape)} of {dtype} needs {needed}");
        return new SafetensorsEntry(name, dtype, shape, begin, end);
    }

    private static long ReadOffset(string name, JsonElement item, string source) =>
        item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var offset) && offset >= 0
            ? offset
            : throw Fail(source, $"tensor '{name}': data_offsets entries must be non-negative integers, found {item.GetRawText()}");

    internal static InvalidDataException Fail(string source, string message, Exception? inner = null) =>
        new($"{source}: {message}", inner);
}
