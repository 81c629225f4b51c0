namespace RepLearn;

/// <summary>ONNX graphs of the engine's current parameters, from the kind's table entry.</summary>
internal sealed partial class ModelEngine<TConfig, TParams> : IOnnxSource
{
    /// <inheritdoc />
    public OnnxGraph? OnnxGraph(OnnxPart part, string name) =>
        (part == OnnxPart.Encoder ? Kind.OnnxEncoder : Kind.OnnxDecoder)?.Invoke(Parameters, Config, name);
}
