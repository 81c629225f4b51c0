using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Data;

public class CorrelatedGaussiansTests
{
    [Fact]
    public void EmpiricalCorrelationIsRhoPerDimension()
    {
        const int n = 20_000, d = 4;
        foreach (var rho in new[] { -0.3, 0.0, 0.6, 0.95 })
        {
            var (x, y) = CorrelatedGaussians.Generate(Key.FromSeed(21), n, d, rho);
            // standard error of a sample correlation ~ (1 - rho^2) / sqrt(n); allow 5 of them (+ 1e-3)
            var tolerance = 5 * (1 - rho * rho) / Math.Sqrt(n) + 1e-3;
            for (var j = 0; j < d; j++)
            {
                var xs = Column(x, j);
                var ys = Column(y, j);
                Assert.Equal(rho, Correlation(xs, ys), tolerance);
                Assert.Equal(1.0, Variance(ys), 0.05); // y ~ N(0, 1) marginally
            }
            Assert.Equal(0.0, Correlation(Column(x, 0), Column(y, 1)), 5 / Math.Sqrt(n)); // across dimensions: independent
        }
    }

    [Fact]
    public void SameKeySameSamples()
    {
        var (x1, y1) = CorrelatedGaussians.Generate(Key.FromSeed(2), 50, 3, 0.5);
        var (x2, y2) = CorrelatedGaussians.Generate(Key.FromSeed(2), 50, 3, 0.5);
        Assert.True(x1.Span.SequenceEqual(x2.Span) && y1.Span.SequenceEqual(y2.Span));
    }

    [Fact]
    public void MutualInformationMatchesFormulaAndInverts()
    {
        Assert.Equal(-10 * Math.Log(0.75), CorrelatedGaussians.MutualInformation(20, 0.5), 1e-12);
        Assert.Equal(0.0, CorrelatedGaussians.MutualInformation(5, 0.0));
        Assert.Equal(CorrelatedGaussians.MutualInformation(3, 0.4), CorrelatedGaussians.MutualInformation(3, -0.4));
        foreach (var d in new[] { 1, 2, 20, 128 })
            foreach (var mi in new[] { 1e-9, 0.01, 0.5, 2.0, 10.0, 40.0 })
            {
                if (2 * mi / d > 37) // 1 - rho^2 = exp(-2 mi / d) below double precision
                {
                    Assert.Throws<ArgumentOutOfRangeException>(() => CorrelatedGaussians.RhoForMutualInformation(d, mi));
                    continue;
                }
                var rho = CorrelatedGaussians.RhoForMutualInformation(d, mi);
                Assert.InRange(rho, 0.0, 1.0);
                // rounding rho (relative 1.1e-16) moves I by d rho / (1 - rho^2) 1.1e-16: the round trip's conditioning
                var conditioning = 2e-16 * d / ((1 - rho) * (1 + rho));
                Assert.Equal(mi, CorrelatedGaussians.MutualInformation(d, rho), 1e-12 * Math.Max(1, mi) + conditioning);
            }
        foreach (var rho in new[] { 0.0, 1e-6, 0.3, 0.9, 0.999 })
            Assert.Equal(rho, CorrelatedGaussians.RhoForMutualInformation(7, CorrelatedGaussians.MutualInformation(7, rho)), 1e-9);
        Assert.Throws<ArgumentOutOfRangeException>(() => CorrelatedGaussians.MutualInformation(2, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CorrelatedGaussians.RhoForMutualInformation(2, -1));
    }

    [Fact]
    public void LogDensityRatioIsTheDifferenceOfGaussianLogDensities()
    {
        const double rho = 0.7;
        var (x, y) = CorrelatedGaussians.Generate(Key.FromSeed(8), 40, 5, rho);
        var ratio = CorrelatedGaussians.LogDensityRatio(x, y, rho);
        var matrix = CorrelatedGaussians.LogDensityRatioMatrix(x, y, rho);
        Assert.Equal((40, 1), (ratio.Rows, ratio.Cols));
        Assert.Equal((40, 40), (matrix.Rows, matrix.Cols));
        var v = 1 - rho * rho;
        for (var i = 0; i < 40; i++)
            for (var k = 0; k < 40; k++)
            {
                double conditional = 0, marginal = 0;
                for (var j = 0; j < 5; j++)
                {
                    var e = y[k, j] - rho * x[i, j];
                    conditional += -0.5 * Math.Log(2 * Math.PI * v) - e * e / (2 * v);
                    marginal += -0.5 * Math.Log(2 * Math.PI) - y[k, j] * y[k, j] / 2;
                }
                Assert.Equal(conditional - marginal, matrix[i, k], 1e-10);
                if (i == k) Assert.Equal(conditional - marginal, ratio[i, 0], 1e-10);
            }
    }

    [Fact]
    public void MeanLogDensityRatioOverTheJointEstimatesTheMutualInformation()
    {
        const int d = 3;
        const double rho = 0.5;
        var (x, y) = CorrelatedGaussians.Generate(Key.FromSeed(13), 40_000, d, rho);
        var estimate = CorrelatedGaussians.LogDensityRatio(x, y, rho).Span.ToArray().Average();
        Assert.Equal(CorrelatedGaussians.MutualInformation(d, rho), estimate, 0.03);
    }

    private static double[] Column(Tensor t, int j) => Enumerable.Range(0, t.Rows).Select(i => t[i, j]).ToArray();

    private static double Variance(double[] a)
    {
        var mean = a.Average();
        return a.Sum(v => (v - mean) * (v - mean)) / a.Length;
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }
}
