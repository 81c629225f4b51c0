namespace RepLearn.Functional.Checkpoints;

/// <summary>
/// One named tensor of a safetensors file. <see cref="Value"/> is the matrix the library works with;
/// <see cref="Shape"/> is the shape stored in the file: [rows, cols], or [n] for a 1 x n row (PyTorch
/// biases are 1-D), or [] for a 1 x 1 scalar. <see cref="Dtype"/> is "F64" or "F32", by default the value's own
/// (<see cref="DType.Float64"/> or <see cref="DType.Float32"/>); a float64 value stored as F32 is rounded to single
/// precision. Reading gives float64 tensors for F64 entries and float32 tensors for F32 ones.
/// </summary>
/// <param name="Name">The key in the JSON header.</param>
/// <param name="Value">The values, row-major.</param>
/// <param name="Shape">The stored shape (immutable); its product equals Value.Length.</param>
public sealed record SafetensorsTensor(string Name, Tensor Value, ImmutableArray<int> Shape)
{
    /// <summary>The stored element type: "F64" or "F32"; by default the value's dtype.</summary>
    public string Dtype { get; init; } = Safetensors.NameOf(Value.DType);

    /// <summary>A tensor stored with its 2-D shape [rows, cols].</summary>
    public static SafetensorsTensor Matrix(string name, Tensor value) => new(name, value, [value.Rows, value.Cols]);

    /// <summary>A 1 x n tensor stored as the 1-D shape [n].</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> has more than one row.</exception>
    public static SafetensorsTensor Vector(string name, Tensor value) =>
        value.Rows == 1
            ? new(name, value, [value.Cols])
            : throw new ArgumentException($"a 1-D tensor needs one row, '{name}' is {value.ShapeString}", nameof(value));

    /// <summary>The matrix shape a stored shape reads as: [r, c] -> r x c, [n] -> 1 x n, [] -> 1 x 1.</summary>
    public static (int Rows, int Cols) MatrixShape(IReadOnlyList<int> shape) => shape.Count switch
    {
        0 => (1, 1),
        1 => (1, shape[0]),
        2 => (shape[0], shape[1]),
        _ => throw new ArgumentException($"rank {shape.Count}: only 0-, 1- and 2-D tensors are supported", nameof(shape)),
    };

    /// <summary>"[2, 3]", for messages.</summary>
    public static string ShapeString(IReadOnlyList<int> shape) => $"[{string.Join(", ", shape)}]";
}
