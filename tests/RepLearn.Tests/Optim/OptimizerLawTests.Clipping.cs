using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;
using Xunit;

namespace RepLearn.Tests.Optim;

/// <summary>ClipByGlobalNorm: small gradients pass untouched, large ones are scaled by one factor to exactly the maximum norm.</summary>
public sealed partial class OptimizerLawTests
{
    // ---- clipping -----------------------------------------------------------------------------

    [Fact]
    public void ClipByGlobalNormLeavesSmallGradientsUntouched()
    {
        var grads = RealGradient(Params);
        var norm = Tree.GlobalNorm(grads);
        foreach (var maxNorm in new[] { 2 * norm, norm })  // strictly below, and exactly at, the threshold
        {
            var clip = Transforms.ClipByGlobalNorm<Mlp>(maxNorm);
            var (clipped, state) = clip.Update(grads, clip.Init(Params), Params);
            AssertBitwiseEqual(grads, clipped);
            Assert.Same(EmptyState.Instance, state);
        }
    }

    [Fact]
    public void ClipByGlobalNormScalesLargeGradientsToExactlyMaxNorm()
    {
        // (3, 4) has norm 5; with maxNorm 2.5 the scale is 0.5, exact in binary: (1.5, 2), norm exactly 2.5.
        var clip = Transforms.ClipByGlobalNorm<Tensor>(2.5);
        var (clipped, _) = clip.Update(Tensor.RowVector([3.0, 4.0]), clip.Init(Tensor.Zeros(1, 2)), Tensor.Zeros(1, 2));
        Assert.Equal([1.5, 2.0], clipped.ToArray());
        Assert.Equal(2.5, Tree.GlobalNorm(clipped));
    }

    [Fact]
    public void ClipByGlobalNormUsesOneScaleAcrossAllLeaves()
    {
        var grads = Tree.Scale(RealGradient(Params), 1000);
        var norm = Tree.GlobalNorm(grads);
        const double maxNorm = 0.75;
        Assert.True(norm > maxNorm);
        var clip = Transforms.ClipByGlobalNorm<Mlp>(maxNorm);
        var (clipped, _) = clip.Update(grads, clip.Init(Params), Params);
        // The global norm is maxNorm up to rounding (a few ulps of 0.75).
        var ulp = Math.BitIncrement(maxNorm) - maxNorm;
        Assert.True(Math.Abs(Tree.GlobalNorm(clipped) - maxNorm) <= 4 * ulp,
            $"norm after clipping {Tree.GlobalNorm(clipped):R}");
        // Every element is the original times the same factor maxNorm / norm (direction kept).
        var scale = maxNorm / norm;
        foreach (var ((path, c), (_, g)) in Tree.Leaves(clipped).Zip(Tree.Leaves(grads)))
            for (var i = 0; i < c.Length; i++)
                Assert.True(c.Span[i] == g.Span[i] * scale, $"{path}[{i}]");
    }
}
