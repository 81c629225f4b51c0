using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Objectives;

using DType = RepLearn.Functional.Tensors.DType; // inside the namespace: the facade's RepLearn.DType would win otherwise

/// <summary>
/// The fused Bernoulli NLL (<see cref="Ops.BernoulliNllRows"/>, what Losses.BernoulliNll runs for constant targets) is
/// the composition t softplus(-l) + (1 - t) softplus(l) it replaced, bit for bit, in value and gradient: every training
/// figure measured before it stands.
/// </summary>
public sealed class FusedBernoulliNllTests
{
    /// <summary>The loss as it was written before the fused primitive: eight primitives and a row sum.</summary>
    private static Tensor Composed(Tensor logits, Tensor targets)
    {
        var oneMinusT = Ops.AddScalar(Ops.Neg(targets), 1);
        return Ops.Sum(Ops.Add(Ops.Mul(targets, Ops.Softplus(Ops.Neg(logits))), Ops.Mul(oneMinusT, Ops.Softplus(logits))), 1);
    }

    private static long[] Bits(Tensor t) => [.. t.ToArray().Select(BitConverter.DoubleToInt64Bits)];

    [Theory]
    [InlineData(DType.Float64, 7, 13)]   // rows of 13: vectors and padded tails that straddle no row
    [InlineData(DType.Float32, 7, 13)]
    [InlineData(DType.Float64, 4, 784)]
    [InlineData(DType.Float32, 3, 784)]
    [InlineData(DType.Float64, 2, 1)]
    public void MatchesTheCompositionBitForBit(DType dtype, int rows, int cols)
    {
        // Logits from tiny to saturated (|l| up to 60) on both sides, targets binary and fractional, and a weighted
        // row sum so each row's cotangent differs.
        var logits = Tensor.Create(rows, cols, (r, c) => Sample.Normal(Key.FromSeed(r * 1000 + c), 1, 1)[0, 0] * Math.Pow(10, (r + c) % 4 - 2) * ((r + c) % 5 == 0 ? 6 : 1), dtype);
        var targets = Tensor.Create(rows, cols, (r, c) => (r * cols + c) % 3 == 0 ? 0.5 * (c % 2) + 0.25 : (c + r) % 2, dtype);
        var weights = Tensor.Create(rows, 1, (r, _) => 1.0 + r, dtype);
        Tensor Weighted(Tensor rowsNll) => Ops.Sum(Ops.Mul(rowsNll, weights));

        var (fusedValue, fusedGrad) = Grad.ValueAndGrad(l => Weighted(Ops.BernoulliNllRows(l, targets)), logits);
        var (composedValue, composedGrad) = Grad.ValueAndGrad(l => Weighted(Composed(l, targets)), logits);
        Assert.Equal(BitConverter.DoubleToInt64Bits(composedValue), BitConverter.DoubleToInt64Bits(fusedValue));
        Assert.Equal(Bits(Composed(logits, targets)), Bits(Ops.BernoulliNllRows(logits, targets)));
        Assert.Equal(Bits(composedGrad), Bits(fusedGrad));
    }

    [Fact]
    public void TargetsThatNeedAGradientTakeTheComposition()
    {
        var logits = Tensor.FromRows([[0.3, -2.0]]);
        var targets = Tensor.FromRows([[0.25, 1.0]]);
        var (_, g) = Grad.ValueAndGrad(t => Ops.Sum(RepLearn.Functional.Objectives.Losses.BernoulliNll(logits, t)), targets);
        // d/dt [t softplus(-l) + (1 - t) softplus(l)] = softplus(-l) - softplus(l) = -l.
        Assert.Equal(-0.3, g[0, 0], 12);
        Assert.Equal(2.0, g[0, 1], 12);
        Assert.Throws<ArgumentException>(() => Ops.BernoulliNllRows(logits, targets.WithNode(Node.Leaf())));
    }
}
