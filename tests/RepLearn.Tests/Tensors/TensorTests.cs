using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Numerics;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Tensors;

/// <summary>Construction, copy semantics, shape round trips, and the accuracy of the scalar helpers.</summary>
public class TensorTests
{
    private static readonly Tensor X = Tensor.Create(4, 5, (r, c) => 10 * r + c + 0.5);

    private static void AssertSame(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.ShapeString, actual.ShapeString);
        Assert.True(expected.Span.SequenceEqual(actual.Span), $"values differ: {string.Join(", ", actual.ToArray())}");
    }

    [Fact]
    public void FromRowsIsRowMajor()
    {
        var t = Tensor.FromRows([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
        Assert.Equal((2, 3), (t.Rows, t.Cols));
        Assert.Equal(6.0, t[1, 2]);
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], t.ToArray());
    }

    [Fact]
    public void FromRowsWithARaggedRowNamesTheRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromRows([[1.0, 2.0], [3.0, 4.0], [5.0]]));
        Assert.Equal("rows", ex.ParamName);
        Assert.Contains("row 2 has 1 values", ex.Message);
        Assert.Contains("row 0 has 2", ex.Message);
    }

    [Fact]
    public void FromSpanWithTheWrongLengthIsAnError()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromSpan(2, 3, new double[5]));
        Assert.Contains("2x3", ex.Message);
    }

    [Fact]
    public void ToRowsReturnsACopy()
    {
        var t = Tensor.FromRows([[1.0, 2.0], [3.0, 4.0]]);
        var rows = t.ToRows();
        rows[0][0] = 99;
        rows[1] = [7.0, 8.0];
        Assert.Equal([1.0, 2.0, 3.0, 4.0], t.ToArray());
    }

    [Fact]
    public void ToArrayReturnsACopy()
    {
        var t = Tensor.FromRows([[1.0, 2.0]]);
        t.ToArray()[0] = 99;
        Assert.Equal(1.0, t[0, 0]);
    }

    [Fact]
    public void FactoriesCopyTheirInput()
    {
        double[] row = [1.0, 2.0];
        var fromRows = Tensor.FromRows([row]);
        var fromSpan = Tensor.FromSpan(1, 2, row);
        row[0] = 99;
        Assert.Equal(1.0, fromRows[0, 0]);
        Assert.Equal(1.0, fromSpan[0, 0]);
    }

    [Fact]
    public void ReshapeRoundTrips()
    {
        AssertSame(X, Ops.Reshape(Ops.Reshape(X, 5, 4), 4, 5));
        AssertSame(X, Ops.Reshape(Ops.Reshape(X, 1, 20), 4, 5));
        Assert.Equal(X.ToArray(), Ops.Reshape(X, 2, 10).ToArray()); // same row-major order
        Assert.Throws<ArgumentException>(() => Ops.Reshape(X, 3, 7));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void SliceRowsThenConcatRowsRoundTrips(int split)
    {
        AssertSame(X, Ops.ConcatRows(Ops.SliceRows(X, 0, split), Ops.SliceRows(X, split, X.Rows - split)));
        AssertSame(Ops.SliceRows(X, 1, 2), X.SliceRows(1, 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void SliceColsThenConcatColsRoundTrips(int split) =>
        AssertSame(X, Ops.ConcatCols(Ops.SliceCols(X, 0, split), Ops.SliceCols(X, split, X.Cols - split)));

    [Fact]
    public void SlicesHoldTheExpectedElements()
    {
        var cols = Ops.SliceCols(X, 1, 2);
        Assert.Equal([1.5, 2.5, 11.5, 12.5, 21.5, 22.5, 31.5, 32.5], cols.ToArray());
        var rows = Ops.SliceRows(X, 2, 1);
        Assert.Equal([20.5, 21.5, 22.5, 23.5, 24.5], rows.ToArray());
    }

    [Fact]
    public void TransposeTwiceIsIdentity() => AssertSame(X, Ops.Transpose(Ops.Transpose(X)));

    [Fact]
    public void ConcatWithMismatchedShapesIsAnError()
    {
        Assert.Throws<ArgumentException>(() => Ops.ConcatRows(Tensor.Zeros(2, 3), Tensor.Zeros(2, 4)));
        Assert.Throws<ArgumentException>(() => Ops.ConcatCols(Tensor.Zeros(2, 3), Tensor.Zeros(3, 3)));
    }

    [Fact]
    public void DetachKeepsTheValuesAndDropsTheTape()
    {
        var grad = Grad.Gradient(t =>
        {
            Assert.True(t.RequiresGrad);
            Assert.False(t.Detach().RequiresGrad);
            AssertSame(t, t.Detach());
            return Ops.Sum(Ops.Add(t, Ops.Square(t.Detach())));
        }, X);
        Assert.All(grad.ToArray(), g => Assert.Equal(1.0, g));
    }

    /// <summary>
    /// Expected values: the exact log1p / expm1 of the double argument (80-digit decimal
    /// arithmetic), correctly rounded. log1p(1e-10) = 1e-10 - 5e-21 + ... = 9.9999999995e-11;
    /// the naive log(1 + x) would be off in the 8th digit.
    /// </summary>
    [Theory]
    [InlineData(1e-10, 9.999999999500001e-11)]
    [InlineData(1e-300, 1e-300)]
    [InlineData(-1e-15, -1.0000000000000007e-15)]
    [InlineData(1e-5, 9.999950000333332e-06)]
    [InlineData(-1e-5, -1.0000050000333337e-05)]
    [InlineData(0.3, 0.26236426446749106)]
    [InlineData(-0.5, -0.6931471805599453)]
    [InlineData(0.0, 0.0)]
    public void Log1pIsAccurate(double x, double expected) => AssertRelative(expected, Scalar.Log1p(x), 1e-15);

    [Fact]
    public void Log1pOfTheNominalValueAtTenToTheMinusTen() =>
        AssertRelative(9.9999999995e-11, Scalar.Log1p(1e-10), 1e-15);

    [Theory]
    [InlineData(1e-10, 1.00000000005e-10)]
    [InlineData(1e-300, 1e-300)]
    [InlineData(-1e-15, -9.999999999999995e-16)]
    [InlineData(1e-5, 1.0000050000166668e-05)]
    [InlineData(-1e-5, -9.999950000166666e-06)]
    [InlineData(0.3, 0.3498588075760031)]
    [InlineData(-0.3, -0.2591817793182821)]
    [InlineData(0.5, 0.6487212707001282)]
    [InlineData(0.50001, 0.6487377579952714)]
    [InlineData(0.0, 0.0)]
    public void Expm1IsAccurate(double x, double expected) => AssertRelative(expected, Scalar.Expm1(x), 1e-15);

    [Fact]
    public void Log1pAndExpm1AtTheirLimits()
    {
        Assert.Equal(double.NegativeInfinity, Scalar.Log1p(-1));
        Assert.Equal(double.PositiveInfinity, Scalar.Log1p(double.PositiveInfinity));
        // 2^52, 2^53 - 1, 2^53, 2^53 + 2 and beyond: log1p(x) = log(x) + 1/x - ..., 1/x far below an ulp of log(x).
        // Regression: Log1p returned +inf for finite x above ~2.5e305 (log(u) * x overflowed).
        foreach (var big in new[] { 4503599627370496.0, 9007199254740991.0, 9007199254740992.0, 9007199254740994.0, 1e300, 3e305, 1e306, double.MaxValue })
            AssertRelative(Math.Log(big), Scalar.Log1p(big), 1e-15);
        Assert.Equal(-1.0, Scalar.Expm1(-800));
        Assert.Equal(double.PositiveInfinity, Scalar.Expm1(710));
    }

    [Fact]
    public void SoftplusIsFiniteAtPlusMinus1e308()
    {
        Assert.Equal(1e308, Scalar.Softplus(1e308));
        Assert.Equal(0.0, Scalar.Softplus(-1e308));
        Assert.Equal(double.MaxValue, Scalar.Softplus(double.MaxValue));
        Assert.True(double.IsFinite(Scalar.Softplus(-double.MaxValue)));
        AssertRelative(Math.Log(2), Scalar.Softplus(0), 1e-16);
        AssertRelative(Math.Exp(-40), Scalar.Softplus(-40), 1e-15);
    }

    [Fact]
    public void SigmoidIsFiniteAtPlusMinus1e308()
    {
        Assert.Equal(1.0, Scalar.Sigmoid(1e308));
        Assert.Equal(0.0, Scalar.Sigmoid(-1e308));
        Assert.Equal(0.5, Scalar.Sigmoid(0));
        AssertRelative(Math.Exp(-40), Scalar.Sigmoid(-40), 1e-15);
    }

    private static void AssertRelative(double expected, double actual, double rtol) =>
        Assert.True(expected == actual || Math.Abs(actual - expected) <= rtol * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):G3})");
}
