using RepLearn.Functional.Optim;
using Xunit;

namespace RepLearn.Tests.Optim;

/// <summary>
/// <see cref="Lbfgs.Minimize"/> on the two problems every optimizer here is held to (a convex quadratic and Rosenbrock's
/// valley), its stopping rules, and its refusals. The runs are deterministic, so the iteration counts are measured facts.
/// </summary>
public sealed class LbfgsTests
{
    // f(w) = 1/2 (w - c)' A (w - c), A SPD (leading minors 3, 5, 4.25).
    private static readonly double[,] A = { { 3, 1, 0.5 }, { 1, 2, 0 }, { 0.5, 0, 1 } };
    private static readonly double[] C = [1.5, -2.0, 0.25];

    private static (double, double[]) Quadratic(double[] w)
    {
        var r = w.Select((v, i) => v - C[i]).ToArray();
        var ar = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => A[i, j] * r[j])).ToArray();
        return (0.5 * r.Zip(ar, (x, y) => x * y).Sum(), ar);
    }

    private static (double, double[]) Rosenbrock(double[] p)
    {
        var (x, y) = (p[0], p[1]);
        return ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]);
    }

    [Fact]
    public void Reaches_the_quadratic_minimiser_in_a_few_steps()
    {
        var result = Lbfgs.Minimize(Quadratic, [0, 0, 0], gradientTolerance: 1e-10, valueTolerance: 0);
        Assert.True(result.Converged);
        for (var i = 0; i < 3; i++) Assert.Equal(C[i], result.Point[i], 1e-9);
        // On a 3-D quadratic BFGS is exact after about 3 line-searched steps; a few more for rounding.
        Assert.InRange(result.Iterations, 1, 12);
    }

    [Fact]
    public void Follows_rosenbrocks_valley_to_its_minimum()
    {
        var start = new[] { -1.2, 1.0 };
        var result = Lbfgs.Minimize(Rosenbrock, start, gradientTolerance: 1e-8);
        Assert.True(result.Converged, $"stopped after {result.Iterations} at ({result.Point[0]}, {result.Point[1]})");
        Assert.Equal(1.0, result.Point[0], 1e-6);
        Assert.Equal(1.0, result.Point[1], 1e-6);
        Assert.True(result.GradientNorm <= 1e-8 || result.Value < 1e-12, $"|g| {result.GradientNorm}, f {result.Value}");
        Assert.Equal([-1.2, 1.0], start);
    }

    [Fact]
    public void Stops_at_its_iteration_limit_and_says_so()
    {
        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], maxIterations: 3);
        Assert.False(result.Converged);
        Assert.Equal(3, result.Iterations);
        var none = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], maxIterations: 0);
        Assert.Equal([-1.2, 1.0], none.Point);
        Assert.Equal(24.2, none.Value, 1e-12);
        Assert.False(none.Converged);
    }

    [Fact]
    public void Stops_at_once_where_the_gradient_is_already_zero()
    {
        var result = Lbfgs.Minimize(Quadratic, C);
        Assert.True(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(C, result.Point);
    }

    [Fact]
    public void Refuses_bad_settings_and_bad_objectives_naming_them()
    {
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(Quadratic, [0, 0, 0], maxIterations: -1)).ParamName);
        Assert.Equal("gradientTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(Quadratic, [0, 0, 0], gradientTolerance: double.NaN)).ParamName);
        Assert.Equal("valueTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(Quadratic, [0, 0, 0], valueTolerance: -1)).ParamName);
        Assert.Equal("memory", Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(Quadratic, [0, 0, 0], memory: 0)).ParamName);
        var shortGradient = Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(_ => (0.0, new double[2]), [0, 0, 0]));
        Assert.Equal("objective", shortGradient.ParamName);
        Assert.Contains("gradient of length 2 for a point of length 3", shortGradient.Message);
        var nan = Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(_ => (double.NaN, new double[3]), [0, 0, 0]));
        Assert.Equal("start", nan.ParamName);
        Assert.Contains("NaN at the start", nan.Message);
    }

    [Fact]
    public void Steps_back_from_a_region_where_the_objective_is_not_finite()
    {
        // f = x^2 on x > -1, infinite beyond: the first unit step from 3 lands at -3 and must be halved back.
        Objective walled = p => p[0] > -1 ? (p[0] * p[0], [2 * p[0]]) : (double.PositiveInfinity, [0.0]);
        var result = Lbfgs.Minimize(walled, [3.0]);
        Assert.True(result.Converged);
        Assert.Equal(0, result.Point[0], 1e-5);
    }
}
