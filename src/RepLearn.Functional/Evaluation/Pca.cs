using MathNet.Numerics.LinearAlgebra;

namespace RepLearn.Functional.Evaluation;

/// <summary>A fitted principal component analysis: the data mean, the top components (d x n), their variances. Immutable.</summary>
/// <param name="Mean">1 x n, the mean of the fitted rows.</param>
/// <param name="Components">d x n, the top d principal directions as unit rows, by decreasing variance.</param>
/// <param name="ExplainedVariance">The d variances along the components (the top d eigenvalues of the covariance).</param>
/// <param name="AllEigenvalues">All n eigenvalues of the covariance in decreasing order, negative ones (round-off) clamped to 0.</param>
public sealed record PcaModel(Tensor Mean, Tensor Components, ImmutableArray<double> ExplainedVariance, ImmutableArray<double> AllEigenvalues)
{
    /// <summary>Projection onto the components: (x - mean) C^T, n x d.</summary>
    public Tensor Transform(Tensor x) => Ops.MatMul(Ops.Sub(x, Mean), Components, transposeB: true);

    /// <summary>Reconstruction from the projection: z C + mean.</summary>
    public Tensor InverseTransform(Tensor z) => Ops.Add(Ops.MatMul(z, Components), Mean);

    /// <summary>Sum of the discarded eigenvalues: the least mean squared error of any rank-d linear reconstruction (Eckart-Young).</summary>
    public double DiscardedVariance => AllEigenvalues.Skip(Components.Rows).Sum();
}

/// <summary>Principal component analysis by the eigendecomposition of the covariance (MathNet).</summary>
public static class Pca
{
    /// <summary>
    /// The memory a fit on <paramref name="rows"/> rows of <paramref name="features"/> features takes, saturating: the
    /// centred copy of the data and five d x d matrices (the covariance, and the eigendecomposition's working copies).
    /// </summary>
    public static long FitBytes(long rows, long features) => MemoryFootprint.Sum(
        MemoryFootprint.Product(rows, features, MemoryFootprint.BytesPerDouble),
        MemoryFootprint.Product(5, features, features, MemoryFootprint.BytesPerDouble));

    /// <summary>
    /// The top <paramref name="components"/> principal directions of the rows of <paramref name="x"/> (covariance divided
    /// by n). The fit's memory (<see cref="FitBytes"/>) is checked against <paramref name="budget"/> (null: the default) first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">components outside [1, the feature count].</exception>
    /// <exception cref="ArgumentException">The fit needs more memory than the budget (ParamName x).</exception>
    public static PcaModel Fit(Tensor x, int components, MemoryBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (components < 1 || components > x.Cols)
            throw new ArgumentOutOfRangeException(nameof(components), components, $"components must be in [1, {x.Cols}]");
        (budget ?? MemoryBudget.Default).Require(FitBytes(x.Rows, x.Cols),
            $"PCA of {MemoryBudget.ShowCount(x.Rows)} rows of {MemoryBudget.ShowCount(x.Cols)} features (a {x.Cols} x {x.Cols} covariance)", nameof(x), "to fit");
        var mean = Ops.Mean(x, 0);
        var centred = Ops.Sub(x, mean);
        var covariance = Ops.Scale(Ops.MatMul(centred, centred, transposeA: true), 1.0 / x.Rows).ToMatrix();
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, x.Cols).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var eigenvalues = order.Select(i => Math.Max(0, evd.EigenValues[i].Real)).ToImmutableArray();
        var vectors = evd.EigenVectors;
        var top = Tensor.Create(components, x.Cols, (r, c) => vectors[c, order[r]]);
        return new PcaModel(mean, top, ImmutableArray.Create(eigenvalues, 0, components), eigenvalues);
    }
}
