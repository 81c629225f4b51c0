using RepLearn.Functional.Numerics;
using Xunit;

namespace RepLearn.Tests.Numerics;

/// <summary>
/// e^x - 1 - x to rounding everywhere: the series near 0, expm1(x) - x beyond, continuous at the switch.
/// Expected values from mpmath at 50 digits, rounded to double.
/// </summary>
public class Expm1MinusXTests
{
    [Theory]
    [InlineData(1e-8, 5.0000000166666667e-17)]          // x^2/2 + x^3/6
    [InlineData(-1e-8, 4.999999983333333e-17)]
    [InlineData(1e-3, 5.00166708341668e-07)]
    [InlineData(0.25, 0.034025416687741485)]
    [InlineData(-0.25, 0.028800783071404868)]
    [InlineData(2.0, 4.38905609893065)]
    [InlineData(-30.0, 29.000000000000092)]
    [InlineData(0.0, 0.0)]
    public void Matches_the_exact_value(double x, double expected) =>
        Assert.True(Math.Abs(Scalar.Expm1MinusX(x) - expected) <= 4e-16 * Math.Abs(expected), $"{Scalar.Expm1MinusX(x):R} vs {expected:R}");

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    public void Is_continuous_where_the_method_switches(double at)
    {
        var inside = Scalar.Expm1MinusX(Math.BitDecrement(Math.Abs(at)) * Math.Sign(at));
        var outside = Scalar.Expm1MinusX(at);
        Assert.True(Math.Abs(inside - outside) <= 1e-15 * Math.Abs(outside), $"{inside:R} vs {outside:R}");
    }
}
