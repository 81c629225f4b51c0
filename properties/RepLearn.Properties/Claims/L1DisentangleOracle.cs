using RepLearn.Claims;
using RepLearn.Functional.Data;
using RepLearn.Functional.Information;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// L1-disentangle-oracle (Lecture 1): a representation equal to the true factors is perfectly disentangled; a random
/// or constant one is not. Method (disentanglement_lib's own test oracles, fixed seeds): on 4,000 procedural shapes
/// (<see cref="Shapes.Generate"/>, five independent factors), the Mutual Information Gap
/// (<see cref="MutualInformationGap"/>, 20 bins) of the factors themselves is >= 0.9 and their Gaussian total
/// correlation is near 0 (independent axes); Gaussian noise of the same width, and a constant code, score MIG &lt;= 0.2.
/// </summary>
public sealed class L1DisentangleOracle(ITestOutputHelper output)
{
    private static readonly ShapesData Data = Shapes.Generate(Key.FromSeed(41), 4000);
    private static readonly int[][] Factors = [.. Enumerable.Range(0, 5).Select(Data.Factor)];

    [Fact]
    public void The_true_factors_are_disentangled()
    {
        var codes = Data.FactorTensor();
        var mig = MutualInformationGap.Compute(codes, Factors);
        var covariance = Covariance(codes);
        var tc = GaussianInformation.TotalCorrelation(covariance);
        output.WriteLine($"factors as codes: MIG {mig:F4}, Gaussian TC {tc:F5} nats");
        Assert.True(mig >= 0.9, $"MIG {mig}");
        Assert.True(tc <= 0.01, $"total correlation {tc}");
    }

    [Fact]
    public void Random_and_constant_codes_are_not()
    {
        var random = MutualInformationGap.Compute(Sample.Normal(Key.FromSeed(42), 4000, 5), Factors);
        var constant = MutualInformationGap.Compute(Tensor.Filled(4000, 5, 0.5), Factors);
        output.WriteLine($"random codes: MIG {random:F4}; constant codes: MIG {constant:F4}");
        Assert.True(random <= 0.2, $"random MIG {random}");
        Assert.True(constant <= 0.2, $"constant MIG {constant}");
    }

    private static Tensor Covariance(Tensor x)
    {
        var mean = Enumerable.Range(0, x.Cols).Select(j => Enumerable.Range(0, x.Rows).Average(i => x[i, j])).ToArray();
        return Tensor.Create(x.Cols, x.Cols, (a, b) => Enumerable.Range(0, x.Rows).Average(i => (x[i, a] - mean[a]) * (x[i, b] - mean[b])));
    }
}
