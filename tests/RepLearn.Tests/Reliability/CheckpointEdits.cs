using System.Buffers.Binary;
using System.Text;
using RepLearn.Functional.Checkpoints;
using Xunit;

namespace RepLearn.Tests.Reliability;

/// <summary>Edits of checkpoint files for tests: rewrite a metadata value in place, and re-sign a file with a valid checksum.</summary>
internal static class CheckpointEdits
{
    /// <summary>The JSON header of a safetensors file (padding trimmed) and where its data starts.</summary>
    public static (string Json, int DataStart) Header(byte[] bytes)
    {
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return (Encoding.UTF8.GetString(bytes, 8, length).TrimEnd(), 8 + length);
    }

    /// <summary>The file with a new JSON header (space-padded to a multiple of 8) and the same data.</summary>
    public static byte[] WithHeader(byte[] bytes, string json)
    {
        var (_, dataStart) = Header(bytes);
        while (Encoding.UTF8.GetByteCount(json) % 8 != 0) json += " ";
        var header = Encoding.UTF8.GetBytes(json);
        var output = new byte[8 + header.Length + bytes.Length - dataStart];
        BinaryPrimitives.WriteUInt64LittleEndian(output, (ulong)header.Length);
        header.CopyTo(output, 8);
        bytes.AsSpan(dataStart).CopyTo(output.AsSpan(8 + header.Length));
        return output;
    }

    /// <summary>Replaces "key":"old" by "key":"new" in the metadata, leaving the checksum as it was.</summary>
    public static void RewriteMetadata(string path, string key, string oldValue, string newValue)
    {
        var bytes = File.ReadAllBytes(path);
        var (json, _) = Header(bytes);
        var edited = json.Replace($"\"{key}\":\"{Escape(oldValue)}\"", $"\"{key}\":\"{Escape(newValue)}\"");
        Assert.NotEqual(json, edited);
        File.WriteAllBytes(path, WithHeader(bytes, edited));
    }

    /// <summary>Sets the checksum to the one the file's present metadata and data give (format version 2), as a forger would.</summary>
    public static void Resign(string path)
    {
        var file = Safetensors.Load(path);
        var bytes = File.ReadAllBytes(path);
        var (json, _) = Header(bytes);
        var stored = file.Metadata[CheckpointChecksum.Key];
        File.WriteAllBytes(path, WithHeader(bytes, json.Replace(stored, CheckpointChecksum.Compute(file.Metadata, file.Tensors))));
    }

    private static string Escape(string value) => System.Text.Json.JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
}
