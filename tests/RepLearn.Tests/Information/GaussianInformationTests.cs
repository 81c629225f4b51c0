using MathNet.Numerics.LinearAlgebra;
using RepLearn.Functional.Information;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Information;

/// <summary>Gaussian total correlation against the textbook 1/2 (sum log S_ii - log det S).</summary>
public class GaussianInformationTests
{
    private static Tensor RandomCovariance(long seed, int d)
    {
        var a = Sample.Normal(Key.FromSeed(seed), d, d).ToMatrix();
        return Tensor.FromMatrix(a * a.Transpose() + Matrix<double>.Build.DenseIdentity(d) * 0.1);
    }

    [Fact]
    public void DiagonalCovarianceHasExactlyZeroTotalCorrelation()
    {
        var s = Tensor.Create(5, 5, (r, c) => r == c ? Math.Pow(10, r - 2) : 0);
        var tc = GaussianInformation.TotalCorrelation(s);
        Assert.Equal(0.0, tc);
        Assert.False(double.IsNegative(tc)); // +0, not -0
    }

    [Fact]
    public void BivariateGaussianGivesMinusHalfLogOneMinusRhoSquared()
    {
        foreach (var rho in new[] { -0.99, -0.5, 1e-8, 0.3, 0.9999 })
        {
            var s = Tensor.FromRows([[4.0, 2 * 3 * rho], [2 * 3 * rho, 9.0]]);
            Assert.Equal(-0.5 * Math.Log((1 - rho) * (1 + rho)), GaussianInformation.TotalCorrelation(s), 1e-12 * (1 + Math.Abs(Math.Log(1 - rho * rho))));
        }
    }

    [Fact]
    public void MatchesTheLogDeterminantFormula()
    {
        for (var seed = 1; seed <= 5; seed++)
        {
            var s = RandomCovariance(seed, 2 + seed);
            var m = s.ToMatrix();
            var expected = 0.5 * (Enumerable.Range(0, m.RowCount).Sum(i => Math.Log(m[i, i])) - m.Cholesky().DeterminantLn);
            var tc = GaussianInformation.TotalCorrelation(s);
            Assert.Equal(expected, tc, 1e-10 * (1 + expected));
            Assert.True(tc > 0);
        }
    }

    [Fact]
    public void PowerOfTwoAxisScalingLeavesTheValueBitwiseUnchanged()
    {
        var s = RandomCovariance(9, 6);
        int[] exponents = [-40, 3, 0, 17, -5, 60];
        var scaled = Tensor.Create(6, 6, (r, c) => Math.ScaleB(Math.ScaleB(s[r, c], exponents[r]), exponents[c]));
        Assert.Equal(GaussianInformation.TotalCorrelation(s), GaussianInformation.TotalCorrelation(scaled));
    }

    [Fact]
    public void InvalidCovariancesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => GaussianInformation.TotalCorrelation(Tensor.Zeros(2, 3)));
        Assert.Throws<ArgumentException>(() => GaussianInformation.TotalCorrelation(Tensor.Zeros(0, 0)));
        Assert.Throws<ArgumentException>(() => GaussianInformation.TotalCorrelation(Tensor.FromRows([[1.0, 0.0], [0.0, 0.0]])));
        Assert.Throws<ArgumentException>(() => GaussianInformation.TotalCorrelation(Tensor.FromRows([[1.0, 1.0], [1.0, 1.0]])));
        Assert.Throws<ArgumentException>(() => GaussianInformation.TotalCorrelation(Tensor.FromRows([[1.0, 2.0], [2.0, 1.0]])));
        Assert.Throws<ArgumentException>(() => GaussianInformation.TotalCorrelation(Tensor.FromRows([[1.0, double.NaN], [double.NaN, 1.0]])));
    }
}
