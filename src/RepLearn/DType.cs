namespace RepLearn;

/// <summary>
/// The element type a model's parameters, optimizer state and training arithmetic use. Float64 is the default and what
/// the lectures' claims are measured in; Float32 halves memory and doubles vector width (PyTorch's default). Inputs
/// and outputs stay double[] either way: rows are rounded to float32 as they enter a Float32 model and results widened
/// exactly as they leave it. A checkpoint stores a Float32 model's tensors as F32 (PyTorch reads them) and loads back
/// as Float32.
/// </summary>
public enum DType
{
    /// <summary>IEEE double precision (the default).</summary>
    Float64,

    /// <summary>IEEE single precision.</summary>
    Float32,
}
