using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Primitives;

/// <summary>
/// Fixed points near kinks and in saturation (NUMERICS.md): gradients there must agree with
/// finite differences where those are defined, and be finite (never NaN) where they are not.
/// </summary>
public partial class GradientChecks
{
    private static readonly double Ln2 = Math.Log(2.0);

    private static Tensor Row(params double[] values) => Tensor.RowVector(values);

    private static void AssertOk(GradCheck.Report report) => Xunit.Assert.True(report.Ok, report.ToString());

    private static void AssertValues(Tensor expected, Tensor actual, double tol)
    {
        Xunit.Assert.Equal(expected.ShapeString, actual.ShapeString);
        for (var i = 0; i < expected.Length; i++)
            Xunit.Assert.True(Math.Abs(expected.Span[i] - actual.Span[i]) <= tol,
                $"element {i}: expected {expected.Span[i]:R}, got {actual.Span[i]:R}");
    }

    [Fact]
    public void ReluCloseToTheKinkOnBothSides() =>
        AssertOk(GradCheck.Check(t => Weights.Probe(Ops.Relu(t)), Row(1e-3, -1e-3, 2e-5, -2e-5)));

    [Fact]
    public void ReluAtTheKinkHasSubgradientZero()
    {
        var (value, grad) = Grad.ValueAndGrad(t => Ops.Sum(Ops.Relu(t)), Row(0.0, -0.0, 1.0));
        Xunit.Assert.Equal(1.0, value);
        AssertValues(Row(0, 0, 1), grad, 0);
    }

    [Fact]
    public void SoftplusSaturatedAtPlusMinus30()
    {
        AssertOk(GradCheck.Check(t => Weights.Probe(Ops.Softplus(t)), Row(30, -30, 29.5, -29.5)));
        var (_, grad) = Grad.ValueAndGrad(t => Ops.Sum(Ops.Softplus(t)), Row(30, -30));
        AssertValues(Row(1 - Math.Exp(-30), Math.Exp(-30)), grad, 1e-15);
        AssertValues(Row(30 + Math.Exp(-30), Math.Exp(-30)), Ops.Softplus(Row(30, -30)), 1e-15);
    }

    [Fact]
    public void SoftplusAtPlusMinus1e308IsFiniteWithSaturatedGradient()
    {
        var (value, grad) = Grad.ValueAndGrad(t => Ops.Sum(Ops.Softplus(t)), Row(1e308, -1e308));
        Xunit.Assert.Equal(1e308, value);
        AssertValues(Row(1, 0), grad, 0);
    }

    [Fact]
    public void SigmoidSaturatedAtPlusMinus40()
    {
        AssertOk(GradCheck.Check(t => Weights.Probe(Ops.Sigmoid(t)), Row(40, -40)));
        var (_, grad) = Grad.ValueAndGrad(t => Ops.Sum(Ops.Sigmoid(t)), Row(40, -40, 1e308, -1e308));
        Xunit.Assert.True(grad.AllFinite());
        AssertValues(Row(Math.Exp(-40), Math.Exp(-40), 0, 0), grad, 1e-17);
        AssertValues(Row(1, Math.Exp(-40), 1, 0), Ops.Sigmoid(Row(40, -40, 1e308, -1e308)), 1e-17);
    }

    [Fact]
    public void LogSumExpOfTwo1000sIs1000PlusLn2()
    {
        var x = Row(1000, 1000);
        var (value, grad) = Grad.ValueAndGrad(t => Ops.Sum(Ops.LogSumExp(t, 1)), x);
        Xunit.Assert.True(Math.Abs(value - (1000 + Ln2)) <= Math.BitIncrement(1000.0) - 1000.0, $"value {value:R}");
        // The pullback is exp(x - lse) (as PyTorch's logsumexp backward); lse is rounded to
        // ulp(1000) ~ 1.1e-13, so the softmax is exact only to about that.
        AssertValues(Row(0.5, 0.5), grad, 1e-13);
        AssertOk(GradCheck.Check(t => Weights.Probe(Ops.LogSumExp(t, 1)), Tensor.FromRows([[1000, 1000], [1000, -1000], [-1000, -999]])));
        AssertOk(GradCheck.Check(t => Weights.Probe(Ops.LogSumExp(t, 0)), Tensor.FromRows([[1000, -1000], [1000, -999]])));
    }

    [Fact]
    public void LogSumExpOfAllMinusInfinityIsMinusInfinityWithZeroGradient()
    {
        var ninf = double.NegativeInfinity;
        var x = Tensor.FromRows([[ninf, ninf, ninf], [1, 2, ninf]]);
        var (value, grad) = Grad.ValueAndGrad(t => Ops.Sum(Ops.Mul(Ops.LogSumExp(t, 1), Tensor.FromRows([[0.5], [2.0]]))), x);
        Xunit.Assert.Equal(ninf, value);
        Xunit.Assert.Equal(ninf, Ops.LogSumExp(x, 1)[0, 0]);
        Xunit.Assert.True(grad.AllFinite(), Gens.Show(grad));
        var e = Math.Exp(1) + Math.Exp(2);
        AssertValues(Tensor.FromRows([[0, 0, 0], [2 * Math.Exp(1) / e, 2 * Math.Exp(2) / e, 0]]), grad, 1e-15);

        var (colValue, colGrad) = Grad.ValueAndGrad(t => Ops.Sum(Ops.LogSumExp(t, 0)), Tensor.FromRows([[ninf], [ninf]]));
        Xunit.Assert.Equal(ninf, colValue);
        AssertValues(Tensor.FromRows([[0], [0]]), colGrad, 0);
    }

    [Fact]
    public void L2NormalizeRowsOfAZeroVectorIsZeroWithAFiniteGradient()
    {
        var x = Tensor.FromRows([[0, 0, 0], [1, 2, 2]]);
        var (_, grad) = Grad.ValueAndGrad(t => Weights.Probe(Ops.L2NormalizeRows(t)), x);
        AssertValues(Tensor.FromRows([[0, 0, 0], [1 / 3.0, 2 / 3.0, 2 / 3.0]]), Ops.L2NormalizeRows(x), 1e-16);
        Xunit.Assert.True(grad.AllFinite(), Gens.Show(grad));
        // Rows are independent: the non-zero row's gradient is the one it has on its own.
        var alone = Grad.Gradient(t => Ops.Sum(Ops.Mul(Ops.L2NormalizeRows(t), Weights.For(2, 3).SliceRows(1, 1))), Row(1, 2, 2));
        AssertValues(alone, Ops.SliceRows(grad, 1, 1), 1e-15);
        AssertOk(GradCheck.Check(t => Weights.Probe(Ops.L2NormalizeRows(t)), Row(1, 2, 2)));
    }

    [Fact]
    public void ClampNearItsBoundaries() =>
        AssertOk(GradCheck.Check(t => Weights.Probe(Ops.Clamp(t, -1, 1)), Row(-1.001, -0.999, 0.999, 1.001, -1 - 2e-5, 1 - 2e-5)));

    [Fact]
    public void ClampAtItsBoundariesPassesTheGradient()
    {
        var (value, grad) = Grad.ValueAndGrad(t => Ops.Sum(Ops.Clamp(t, -1, 1)), Row(-1, 1, -3, 3));
        Xunit.Assert.Equal(0.0, value);
        AssertValues(Row(1, 1, 0, 0), grad, 0);
    }

    [Fact]
    public void Log1pAndExpm1NearZero()
    {
        var x = Row(1e-10, -1e-10, 1e-5, -1e-5);
        AssertOk(GradCheck.Check(t => Weights.Probe(Ops.Log1p(t)), x));
        AssertOk(GradCheck.Check(t => Weights.Probe(Ops.Expm1(t)), x));
    }
}
