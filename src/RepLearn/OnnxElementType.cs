namespace RepLearn;

/// <summary>The element type of an exported ONNX graph.</summary>
public enum OnnxElementType
{
    /// <summary>tensor(float), the default: what most ONNX consumers expect; weights rounded from the library's float64.</summary>
    Float32,
    /// <summary>tensor(double): the library's own precision, weights bit for bit.</summary>
    Float64,
}

internal static class OnnxElementTypeMapping
{
    public static Functional.Export.OnnxElementType ToCore(this OnnxElementType t) => t switch
    {
        OnnxElementType.Float32 => Functional.Export.OnnxElementType.Float32,
        OnnxElementType.Float64 => Functional.Export.OnnxElementType.Float64,
        _ => throw new ArgumentOutOfRangeException("elementType", t, $"elementType = {(int)t} is not an OnnxElementType; use Float32 or Float64"),
    };
}
