using RepLearn.Functional.Keys;
using CoreLosses = RepLearn.Functional.Objectives.Losses;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;
using Xunit;

namespace RepLearn.Tests.Numerics;

/// <summary>Norms neither overflow nor underflow; temperatures whose reciprocal overflows are refused; sigma stays finite.</summary>
public class ScaledNormTests
{
    [Theory]
    [InlineData(3e200, 4e200, 5e200)]
    [InlineData(3e-200, 4e-200, 5e-200)]
    [InlineData(3.0, 4.0, 5.0)]
    [InlineData(0.0, 0.0, 0.0)]
    public void Norm_is_exact_at_every_scale(double a, double b, double expected) =>
        Assert.Equal(expected, Kernels.Norm([a, b]), expected * 1e-15);

    [Fact]
    public void Norm_of_NaN_is_NaN() => Assert.True(double.IsNaN(Kernels.Norm([1.0, double.NaN])));

    [Fact]
    public void Clipping_a_huge_gradient_gives_exactly_the_maximum_norm()
    {
        var g = Tensor.RowVector([3e200, -4e200]);
        Assert.Equal(5e200, Tree.GlobalNorm(g), 5e200 * 1e-15);
        var clip = Transforms.ClipByGlobalNorm<Tensor>(2.0);
        var (clipped, _) = clip.Update(g, clip.Init(g), g);
        Assert.Equal(2.0, Tree.GlobalNorm(clipped), 1e-14);
        Assert.Equal([1.2, -1.6], clipped.ToArray().Select(v => Math.Round(v, 14)));
    }

    [Fact]
    public void Cosine_similarity_of_huge_vectors_is_exact()
    {
        var u = Tensor.RowVector([1e200, 0]);
        var v = Tensor.RowVector([1e200, 1e200]);
        Assert.Equal(Math.Sqrt(0.5), CoreLosses.CosineSimilarity(u, v).ToScalar(), 15);
    }

    [Theory]
    [InlineData(1e-309)]
    [InlineData(double.Epsilon)]
    public void A_temperature_whose_reciprocal_overflows_is_refused(double tau)
    {
        var z = Tensor.RowVector([1.0, 0.0]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CoreLosses.NtXent(z, z, tau));
        Assert.Equal("temperature", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => RepLearn.Losses.NtXent([[1.0, 0.0]], [[0.0, 1.0]], tau));
    }

    [Fact]
    public void Reparameterisation_stays_finite_for_extreme_log_variances()
    {
        var mu = Tensor.RowVector([0.0, 0.0]);
        var logVar = Tensor.RowVector([1e6, -1e6]);
        var z = CoreLosses.Reparameterize(mu, logVar, Key.FromSeed(1));
        Assert.True(z.AllFinite());
    }
}
