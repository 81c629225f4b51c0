namespace RepLearn;

/// <summary>The element type of an exported ONNX graph.</summary>
public enum OnnxElementType
{
    /// <summary>tensor(float), the default: what most ONNX consumers expect; weights rounded from the library's float64.</summary>
    Float32,
    /// <summary>tensor(double): the library's own precision, weights bit for bit.</summary>
    Float64,
}
