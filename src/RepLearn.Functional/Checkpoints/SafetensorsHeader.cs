namespace RepLearn.Functional.Checkpoints;

/// <summary>
/// One validated entry of a safetensors header: name, dtype, shape and its byte range
/// [Begin, End) in the data buffer (which follows the 8-byte length and the JSON header).
/// </summary>
/// <param name="Name">The tensor's key.</param>
/// <param name="Dtype">"F64" or "F32".</param>
/// <param name="Shape">The stored shape (rank 0 to 2), every size at most int.MaxValue; immutable.</param>
/// <param name="Begin">First byte in the data buffer.</param>
/// <param name="End">One past the last byte; End - Begin = prod(Shape) * size(Dtype).</param>
public sealed record SafetensorsEntry(string Name, string Dtype, ImmutableArray<int> Shape, long Begin, long End)
{
    /// <summary>The matrix shape the entry reads as (see <see cref="SafetensorsTensor.MatrixShape"/>).</summary>
    public (int Rows, int Cols) MatrixShape => SafetensorsTensor.MatrixShape(Shape);
}

/// <summary>
/// A validated safetensors header: the entries in data-offset order (contiguous from 0, covering the
/// data buffer exactly) and the <c>__metadata__</c> string map, in file order.
/// Reading it allocates nothing proportional to the data.
/// </summary>
/// <param name="Entries">The tensors, sorted by Begin.</param>
/// <param name="Metadata">The <c>__metadata__</c> map (empty when absent).</param>
/// <param name="DataLength">Bytes in the data buffer.</param>
public sealed record SafetensorsHeader(IReadOnlyList<SafetensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataLength);

/// <summary>
/// A whole safetensors file read into memory: the tensors in data-offset order, the metadata, and
/// the lowercase hex SHA-256 of the raw data buffer (the bytes after the header, as stored).
/// </summary>
/// <param name="Tensors">The tensors, in data-offset order.</param>
/// <param name="Metadata">The <c>__metadata__</c> map.</param>
/// <param name="DataSha256">SHA-256 of the data buffer, lowercase hex.</param>
public sealed record SafetensorsFile(IReadOnlyList<SafetensorsTensor> Tensors, IReadOnlyDictionary<string, string> Metadata, string DataSha256)
{
    /// <summary>The tensor named <paramref name="name"/>, or null.</summary>
    public SafetensorsTensor? Find(string name) => Tensors.FirstOrDefault(t => t.Name == name);
}
