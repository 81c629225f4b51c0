namespace RepLearn.Functional.Export;

/// <summary>
/// The element type of an exported graph's inputs, weights and outputs. The library computes in float64; float32 is the
/// default for export because most ONNX consumers (runtimes, accelerators, converters) expect it, at the cost of
/// float32's rounding (unit roundoff 2^-24, about 6e-8, accumulated over each dot product).
/// </summary>
public enum OnnxElementType
{
    /// <summary>tensor(float): IEEE 754 binary32; weights are rounded to nearest when written.</summary>
    Float32,
    /// <summary>tensor(double): IEEE 754 binary64, the library's own precision; weights are written bit for bit.</summary>
    Float64,
}

/// <summary>The ONNX codes of <see cref="OnnxElementType"/>.</summary>
internal static class OnnxElementTypes
{
    /// <summary>TensorProto.DataType: FLOAT = 1, DOUBLE = 11.</summary>
    public static int DataType(this OnnxElementType type) => type switch
    {
        OnnxElementType.Float32 => 1,
        OnnxElementType.Float64 => 11,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"element type {(int)type} is not an OnnxElementType; use Float32 or Float64"),
    };

    /// <summary>The name ONNX tools print for the type: tensor(float) or tensor(double).</summary>
    public static string TypeName(this OnnxElementType type) => type == OnnxElementType.Float64 ? "tensor(double)" : "tensor(float)";
}
