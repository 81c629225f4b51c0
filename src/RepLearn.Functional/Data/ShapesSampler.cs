using System.Diagnostics.Contracts;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;

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
    [Pure]
    public Tensor Observe(int[,] factors) => Shapes.FromFactors(factors).Images;
}
