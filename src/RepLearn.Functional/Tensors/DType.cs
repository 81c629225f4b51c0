namespace RepLearn.Functional.Tensors;

/// <summary>
/// The element type of a <see cref="Tensor"/>. <see cref="Float64"/> is the default and what the lectures' claims
/// use; <see cref="Float32"/> halves memory and doubles vector width (PyTorch's default dtype).
/// </summary>
/// <remarks>
/// Rules, as PyTorch's: an operation on two tensors needs one dtype and otherwise throws naming both (no silent
/// promotion: "expected scalar type Float but found Double"); a C# <see cref="double"/> given as a scalar
/// argument (Scale, AddScalar, Clamp, Filled ...) is a weak scalar that takes the tensor's dtype (rounded to
/// float32 for a float32 tensor), as a Python number does; results have their inputs' dtype; conversion is explicit
/// (<see cref="Tensor.AsType"/>, differentiable).
/// </remarks>
public enum DType
{
    /// <summary>IEEE 754 binary64 (double): the default.</summary>
    Float64,

    /// <summary>IEEE 754 binary32 (float).</summary>
    Float32,
}

/// <summary>Names and sizes of <see cref="DType"/>s.</summary>
public static class DTypes
{
    /// <summary>"float64" or "float32", as PyTorch and NumPy name them (and the CLI's --dtype takes).</summary>
    [Pure]
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float64 => "float64",
        DType.Float32 => "float32",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>Bytes per element: 8 or 4.</summary>
    [Pure]
    public static int Size(this DType dtype) => dtype == DType.Float32 ? 4 : 8;

    /// <summary>The dtype named "float64"/"double" or "float32"/"float" (case-insensitive), or null.</summary>
    [Pure]
    public static DType? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "float64" or "double" => DType.Float64,
        "float32" or "float" => DType.Float32,
        _ => null,
    };

    /// <summary>The dtype whose elements are <typeparamref name="T"/> (double or float).</summary>
    internal static DType Of<T>() => typeof(T) == typeof(float) ? DType.Float32
        : typeof(T) == typeof(double) ? DType.Float64
        : throw new NotSupportedException($"tensors hold double or float, not {typeof(T).Name}");

    /// <summary>Throws unless a and b have one dtype, naming the operation and both dtypes.</summary>
    internal static void RequireSame(Tensor a, Tensor b, string operation)
    {
        if (a.DType != b.DType)
            throw new ArgumentException(
                $"{operation}: expected both tensors to have one dtype, got {a.DType.Name()} ({a.ShapeString}) and {b.DType.Name()} ({b.ShapeString}); convert one with AsType");
    }
}
