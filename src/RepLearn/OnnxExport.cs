namespace RepLearn;

/// <summary>
/// ONNX export of the facade models: the encoder (x -> representation) or the decoder (z -> reconstruction mean) as a
/// graph of Gemm and activation nodes with a dynamic batch dimension "N", which onnxruntime and other ONNX consumers
/// run outside .NET. The graph computes exactly what <see cref="IRepresentationModel.Encode"/> and
/// <see cref="IReconstructingModel.Decode"/> compute. Inputs are named "x" (encoder) and "z" (decoder); outputs
/// "representation" and "reconstruction".
/// </summary>
/// <example><code>
/// var vae = Vae.Load("vae.safetensors");
/// vae.ExportOnnx("encoder.onnx");                                            // float32, the encoder
/// vae.ExportOnnx("decoder.onnx", OnnxPart.Decoder, OnnxElementType.Float64); // float64, the decoder
/// </code></example>
public static class OnnxExport
{
    /// <summary>
    /// Writes <paramref name="part"/> of <paramref name="model"/> to <paramref name="path"/> as an ONNX model (IR 8,
    /// opset 17), atomically; refuses to replace an existing file unless <paramref name="overwrite"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="part"/> is Decoder for a model without a decoder (a contrastive encoder), an undefined enum value,
    /// or a model type this library does not export.
    /// </exception>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or the file system failed.</exception>
    public static void ExportOnnx(this IRepresentationModel model, string path, OnnxPart part = OnnxPart.Encoder,
        OnnxElementType elementType = OnnxElementType.Float32, bool overwrite = false)
    {
        Check.NotNull(model, nameof(model));
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("path must name a file", nameof(path));
        var type = elementType.ToCore();
        var graph = Graph(model, Check.Defined(part, nameof(part)));
        OnnxFile.Save(path, graph, type, overwrite, new Dictionary<string, string>
        {
            ["replearn.model_kind"] = model.Kind,
            ["replearn.part"] = part == OnnxPart.Encoder ? "encoder" : "decoder",
            ["replearn.epochs"] = model.EpochsCompleted.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static OnnxGraph Graph(IRepresentationModel model, OnnxPart part)
    {
        var partName = part == OnnxPart.Encoder ? "encoder" : "decoder";
        var source = model switch
        {
            AutoencoderBase ae => ae.Onnx,
            Vae vae => vae.Onnx,
            ContrastiveEncoder c => c.Onnx,
            IOnnxSource s => s,
            _ => throw new ArgumentException($"model of type {model.GetType().Name} ('{model.Kind}') cannot be exported to ONNX", nameof(model)),
        };
        return source.OnnxGraph(part, $"{model.Kind}_{partName}") ?? throw new ArgumentException(
            $"part = {part}: a {model.Kind} model has no {partName}; export OnnxPart.Encoder", nameof(part));
    }
}
