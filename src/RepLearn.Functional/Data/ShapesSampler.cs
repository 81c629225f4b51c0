namespace RepLearn.Functional.Data;

/// <summary>
/// The shapes generator (<see cref="Shapes"/>) as an <see cref="IFactorSampler"/>: five independent, uniform factors
/// (shape 3, scale 6, orientation 8, posX 8, posY 8 values) rendered to 28 x 28 images (784 values in [0, 1]).
/// <see cref="SampleFactors"/> draws factor k from key.Split(5)[k], exactly as <see cref="Shapes.Generate"/> does, so
/// <c>Observe(SampleFactors(key, n))</c> equals <c>Shapes.Generate(key, n).Images</c>.
/// </summary>
public sealed class ShapesSampler : IFactorSampler
{
    private ShapesSampler() { }

    /// <summary>The one instance (the sampler has no state); also <see cref="Shapes.Sampler"/>.</summary>
    public static ShapesSampler Instance { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<string> FactorNames => Shapes.FactorNames;

    /// <inheritdoc />
    public IReadOnlyList<int> FactorSizes => Shapes.FactorSizes;

    /// <inheritdoc />
    public int ObservationWidth => Shapes.Pixels;

    /// <inheritdoc />
    [Pure]
    public int[,] SampleFactors(Key key, int count) => IdentityFactorSampler.Uniform(key, count, Shapes.FactorSizes);

    /// <inheritdoc />
    /// <remarks>
    /// The images are copied from a table of all 9216 renderings (<see cref="Shapes.All"/>, 58 MB, rendered on first
    /// use), so the sampled metrics, which render hundreds of thousands of images, pay for the rendering once.
    /// </remarks>
    [Pure]
    public Tensor Observe(int[,] factors)
    {
        if (factors.GetLength(1) != Shapes.FactorSizes.Count)
            throw new ArgumentException($"factors must have {Shapes.FactorSizes.Count} columns, got {factors.GetLength(1)}", nameof(factors));
        var n = factors.GetLength(0);
        var indices = new int[n];
        for (var i = 0; i < n; i++)
        {
            var index = 0;
            for (var j = 0; j < Shapes.FactorSizes.Count; j++)
            {
                if ((uint)factors[i, j] >= (uint)Shapes.FactorSizes[j])
                    throw new ArgumentOutOfRangeException(nameof(factors), factors[i, j], $"factors[{i}, {j}] ({Shapes.FactorNames[j]}) must be in [0, {Shapes.FactorSizes[j]})");
                index = index * Shapes.FactorSizes[j] + factors[i, j];
            }
            indices[i] = index;
        }
        var table = AllImages.Value;
        var buffer = Tensor.NewBuffer(n, Shapes.Pixels);
        for (var i = 0; i < n; i++) table.Row(indices[i]).CopyTo(buffer.AsSpan(i * Shapes.Pixels, Shapes.Pixels));
        return Tensor.Wrap(n, Shapes.Pixels, buffer);
    }

    private static readonly Lazy<Tensor> AllImages = new(() => Shapes.All().Images);
}
