using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Properties.Support;

/// <summary>
/// The checker itself: it must pass a correct pullback and catch a wrong one, naming the leaf,
/// the element and both derivatives. The wrong primitives are built on the internal tape API.
/// </summary>
public class GradCheckTests
{
    /// <summary>x^2 whose pullback forgets the factor 2: the kind of bug the checker exists for.</summary>
    private static Tensor SquareMissingTwo(Tensor x)
    {
        var cx = x.Detach();
        return Ops.Record(Ops.Map(x, v => v * v), [x], ct => [Ops.Mul(ct, cx)]);
    }

    [Fact]
    public void PassesACorrectPullback()
    {
        var report = GradCheck.Check((a, b) => Weights.Probe(Ops.Mul(Ops.Square(a), b)),
            Tensor.FromRows([[1, -2], [0.5, 3]]), Tensor.FromRows([[0.3, 0.7], [-1, 2]]));
        Assert.True(report.Ok, report.ToString());
        Assert.Equal(8, report.Compared);
    }

    [Fact]
    public void CatchesAWrongPullbackAndNamesTheLeaf()
    {
        var a = Tensor.FromRows([[1.5, -2]]);
        var b = Tensor.FromRows([[0.25, 3]]);
        var report = GradCheck.Check((x, y) => Ops.Sum(Ops.Add(Ops.Exp(x), SquareMissingTwo(y))), a, b);
        Assert.False(report.Ok);
        Assert.Equal(2, report.Mismatches.Count);
        Assert.All(report.Mismatches, m => Assert.Equal(1, m.Leaf));
        var m = report.Mismatches[1];
        Assert.Equal((0, 1), (m.Row, m.Col));
        Assert.Equal(3.0, m.Analytic);
        Assert.Equal(6.0, m.Numeric, 1e-6);
        Assert.Contains("leaf 1 [0,1] at x = 3: analytic 3, numeric 6", report.ToString());
        var thrown = Assert.Throws<GradCheck.GradCheckException>(() => GradCheck.Assert((x, y) => Ops.Sum(Ops.Add(Ops.Exp(x), SquareMissingTwo(y))), a, b));
        Assert.Contains("leaf 1 [0,0]", thrown.Message);
    }

    [Fact]
    public void CatchesAMissingGradient()
    {
        // Detach inside f: the tape never reaches x, so ValueAndGrad returns zeros.
        var report = GradCheck.Check(x => Ops.Sum(Ops.Exp(x.Detach())), Tensor.RowVector([0.0]));
        Assert.False(report.Ok);
        Assert.Equal(0.0, report.Mismatches[0].Analytic);
        Assert.Equal(1.0, report.Mismatches[0].Numeric, 1e-8);
    }

    [Theory]
    [InlineData(1.0, 1.0 + 0.99e-4 + 0.99e-6, true)]
    [InlineData(1.0, 1.0 + 1.01e-4 + 1.01e-6, false)]
    [InlineData(0.0, 0.99e-6, true)]
    [InlineData(0.0, 1.01e-6, false)]
    [InlineData(double.NaN, 0.0, false)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, false)]
    public void ToleranceIsAtol1e6PlusRtol1e4(double numeric, double analytic, bool agrees) =>
        Assert.Equal(agrees, GradCheck.Agrees(analytic, numeric));
}
