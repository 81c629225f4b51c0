using System.Reflection;

namespace RepLearn.Functional.Export;

/// <summary>
/// Writes an <see cref="OnnxGraph"/> as an ONNX model file (IR version <see cref="IrVersion"/>, default-domain opset
/// <see cref="Opset"/>), readable by onnxruntime, onnx.load and Netron. The protobuf encoding is written by hand
/// (<see cref="ProtoWriter"/>): the core takes no protobuf dependency. Saving is atomic (<see cref="AtomicFile"/>)
/// and refuses to replace an existing file unless asked.
/// </summary>
/// <example><code>
/// OnnxFile.Save("decoder.onnx", OnnxExport.Decoder(vaeParams, Likelihood.Bernoulli), OnnxElementType.Float64);
/// </code></example>
public static class OnnxFile
{
    /// <summary>The ONNX IR version written: 8 (onnx 1.10 and later; onnxruntime 1.10 and later).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain operator set imported: 17 (Gemm 13, Relu 14, Tanh 13, Sigmoid 13, Abs, Neg, Exp, Log 13, Add 14).</summary>
    public const long Opset = 17;

    /// <summary>ModelProto.producer_name.</summary>
    public const string ProducerName = "RepLearn.Functional";

    /// <summary>ModelProto.producer_version: this assembly's informational version.</summary>
    public static string ProducerVersion { get; } =
        typeof(OnnxFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The file's bytes: the graph with weights as <paramref name="type"/>, and <paramref name="metadata"/> as metadata_props.</summary>
    public static byte[] ToBytes(OnnxGraph graph, OnnxElementType type = OnnxElementType.Float32, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        type.DataType();
        return OnnxModelProto.Encode(graph, type, metadata ?? new Dictionary<string, string>());
    }

    /// <summary>Writes the model to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, OnnxGraph graph, OnnxElementType type = OnnxElementType.Float32, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(graph, type, metadata));
    }

    /// <summary>
    /// Saves the model to <paramref name="path"/> atomically. The bytes are encoded before the disk is touched.
    /// </summary>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or the file system failed.</exception>
    public static void Save(string path, OnnxGraph graph, OnnxElementType type = OnnxElementType.Float32, bool overwrite = false,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var bytes = ToBytes(graph, type, metadata);
        AtomicFile.Write(path, overwrite, stream => stream.Write(bytes));
    }
}
