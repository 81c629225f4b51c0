namespace RepLearn.Functional.Latent;

/// <summary>
/// A latent traversal (Higgins et al. 2017, beta-VAE): one code with a single dimension swept over given values,
/// the usual picture of what a dimension encodes.
/// </summary>
/// <example><code>
/// Tensor rows = Traversal.Sweep(z, dim: 2, values: [-3, -1.5, 0, 1.5, 3]); // 5 x d, equal to z except in column 2
/// </code></example>
public static class Traversal
{
    /// <summary>Row k is <paramref name="code"/> with z_dim = values[k]; every other entry is copied unchanged.</summary>
    [Pure]
    public static Tensor Sweep(ReadOnlySpan<double> code, int dim, ReadOnlySpan<double> values)
    {
        if (code.Length == 0) throw new ArgumentException("the code is empty", nameof(code));
        if (dim < 0 || dim >= code.Length)
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"dim must be in [0, {code.Length - 1}] (the code has {code.Length} dimensions), got {dim}");
        if (values.Length == 0) throw new ArgumentException("values is empty: give at least one value to set", nameof(values));
        var d = code.Length;
        var buffer = Tensor.NewBuffer(values.Length, d);
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k])) throw new ArgumentException($"values[{k}] is not finite", nameof(values));
            code.CopyTo(buffer.AsSpan(k * d, d));
            buffer[k * d + dim] = values[k];
        }
        return Tensor.Wrap(values.Length, d, buffer);
    }
}
