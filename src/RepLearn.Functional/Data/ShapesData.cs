namespace RepLearn.Functional.Data;

/// <summary>
/// A batch of procedural shapes (<see cref="Shapes"/>) with its ground-truth generative factors:
/// image i is the rasterisation of the factor indices in row i of <see cref="Factors"/>.
/// Every member is immutable, so a batch can be shared freely. The factor table is stored as rows,
/// <c>Factors[i][j]</c> (image i, factor j), because an <see cref="ImmutableArray{T}"/> has no 2-D form;
/// <see cref="Factor(int)"/> copies out one column, <see cref="FactorTensor"/> the whole table.
/// </summary>
/// <param name="Images">n x 784 grey images in [0, 1], one 28 x 28 row-major image per row.</param>
/// <param name="Factors">n rows of 5 factor indices: entry j of each row is in [0, FactorSizes[j]).</param>
/// <param name="FactorNames">The name of each factor column (shape, scale, orientation, posX, posY).</param>
/// <param name="FactorSizes">The number of values each factor takes.</param>
public sealed record ShapesData(Tensor Images, ImmutableArray<ImmutableArray<int>> Factors, IReadOnlyList<string> FactorNames, ImmutableArray<int> FactorSizes)
{
    /// <summary>Number of images n.</summary>
    public int Count => Images.Rows;

    /// <summary>Column <paramref name="factor"/> of <see cref="Factors"/> as a fresh array of n indices.</summary>
    [Pure]
    public int[] Factor(int factor)
    {
        if (factor < 0 || factor >= FactorSizes.Length)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"factor must be in [0, {FactorSizes.Length})");
        var column = new int[Count];
        for (var i = 0; i < column.Length; i++) column[i] = Factors[i][factor];
        return column;
    }

    /// <summary>
    /// The shape factor (0 square, 1 ellipse, 2 heart) as class labels for probes: a fresh array on
    /// every call (<see cref="Factor(int)"/> of <see cref="Shapes.ShapeFactor"/>), so writing to it changes nothing here.
    /// </summary>
    public int[] Labels => Factor(Shapes.ShapeFactor);

    /// <summary>
    /// The factor indices as an n x 5 tensor of doubles: the "oracle" representation z = factors,
    /// perfectly disentangled by construction (the upper reference for MIG and similar metrics).
    /// </summary>
    [Pure]
    public Tensor FactorTensor()
    {
        var factors = Factors;
        return Tensor.Create(factors.Length, FactorSizes.Length, (r, c) => factors[r][c]);
    }
}
