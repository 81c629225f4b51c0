using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Data;

public class GaussianMixtureTests
{
    private static GaussianMixture Skewed() => new(
        Tensor.FromRows([[0.0, 0.0, 1.0], [2.0, -1.0, 0.5], [-1.5, 1.0, -2.0]]), [0.5, 0.2, 0.3], 0.4);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void ScoreIsTheCentralDifferenceGradientOfLogDensity(double sigma)
    {
        foreach (var gmm in new[] { GaussianMixture.Circle(), Skewed() })
        {
            var x = gmm.Sample(Key.FromSeed(31), 150, sigma + 0.5); // a wide spread of points, including between modes
            var score = gmm.Score(x, sigma);
            const double h = 1e-5;
            for (var j = 0; j < gmm.Dim; j++)
            {
                var plus = gmm.LogDensity(Tensor.Create(x.Rows, x.Cols, (r, c) => x[r, c] + (c == j ? h : 0)), sigma);
                var minus = gmm.LogDensity(Tensor.Create(x.Rows, x.Cols, (r, c) => x[r, c] - (c == j ? h : 0)), sigma);
                for (var i = 0; i < x.Rows; i++)
                {
                    var fd = (plus[i, 0] - minus[i, 0]) / (2 * h);
                    Assert.Equal(fd, score[i, j], 1e-5 * (1 + Math.Abs(fd)));
                }
            }
        }
    }

    [Fact]
    public void FarFromEveryModeTheScorePointsToTheNearestMean()
    {
        var gmm = GaussianMixture.Circle();
        var x = Tensor.FromRows([[1000.0, 1.0], [-3e4, -2e4]]);
        var logp = gmm.LogDensity(x);
        var score = gmm.Score(x, 0.3);
        Assert.True(logp.AllFinite() && score.AllFinite());
        var v = 0.2 * 0.2 + 0.3 * 0.3;
        Assert.Equal((2 - 1000.0) / v, score[0, 0], 1e-6 * 1000 / v); // nearest mean (2, 0)
        Assert.Equal((0 - 1.0) / v, score[0, 1], 1e-3);
    }

    [Fact]
    public void TwoDimensionalDensityIntegratesToOne()
    {
        var gmm = GaussianMixture.Circle(4, 1.5, 0.3);
        const double step = 0.04, lo = -4;
        var m = (int)(8 / step);
        var grid = Tensor.Create(m * m, 2, (r, c) => lo + step * (c == 0 ? r / m + 0.5 : r % m + 0.5));
        foreach (var sigma in new[] { 0.0, 0.5 })
        {
            var total = gmm.LogDensity(grid, sigma).Span.ToArray().Sum(Math.Exp) * step * step;
            Assert.Equal(1.0, total, 2e-3);
        }
    }

    [Fact]
    public void OneComponentIsAGaussian()
    {
        var gmm = new GaussianMixture(Tensor.FromRows([[1.0, -2.0]]), [3.0], 0.5);
        var x = Tensor.FromRows([[0.3, 0.1], [1.0, -2.0]]);
        const double sigma = 0.7;
        var v = 0.25 + sigma * sigma;
        var logp = gmm.LogDensity(x, sigma);
        var score = gmm.Score(x, sigma);
        for (var i = 0; i < 2; i++)
        {
            double dx = x[i, 0] - 1, dy = x[i, 1] + 2;
            Assert.Equal(-Math.Log(2 * Math.PI * v) - (dx * dx + dy * dy) / (2 * v), logp[i, 0], 1e-12);
            Assert.Equal(-dx / v, score[i, 0], 1e-12);
            Assert.Equal(-dy / v, score[i, 1], 1e-12);
        }
    }

    [Fact]
    public void ResponsibilitiesAreADistribution()
    {
        var gmm = Skewed();
        var r = gmm.Responsibilities(gmm.Sample(Key.FromSeed(4), 100, 1.0), 0.3);
        for (var i = 0; i < r.Rows; i++)
        {
            Assert.All(r.Row(i).ToArray(), p => Assert.InRange(p, 0.0, 1.0));
            Assert.Equal(1.0, r.Row(i).ToArray().Sum(), 1e-12);
        }
    }

    [Fact]
    public void SamplesHaveTheMixtureMoments()
    {
        var gmm = GaussianMixture.Circle(8, 2.0, 0.2);
        const int n = 40_000;
        foreach (var sigma in new[] { 0.0, 0.5 })
        {
            var x = gmm.Sample(Key.FromSeed(6), n, sigma);
            double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
            for (var i = 0; i < n; i++) { mx += x[i, 0]; my += x[i, 1]; }
            mx /= n; my /= n;
            for (var i = 0; i < n; i++)
            {
                sxx += (x[i, 0] - mx) * (x[i, 0] - mx);
                syy += (x[i, 1] - my) * (x[i, 1] - my);
                sxy += (x[i, 0] - mx) * (x[i, 1] - my);
            }
            // Cov = (r^2 / 2 + s^2 + sigma^2) I for equally weighted means on a circle
            var expected = 2.0 + 0.04 + sigma * sigma;
            Assert.Equal(0.0, mx, 0.04);
            Assert.Equal(0.0, my, 0.04);
            Assert.Equal(expected, sxx / n, 0.06);
            Assert.Equal(expected, syy / n, 0.06);
            Assert.Equal(0.0, sxy / n, 0.06);
        }
        var a = gmm.Sample(Key.FromSeed(6), 10);
        Assert.True(a.Span.SequenceEqual(gmm.Sample(Key.FromSeed(6), 10).Span));
    }

    [Fact]
    public void WeightsAreNormalisedAndBadInputRejected()
    {
        Assert.Equal([0.5, 0.2, 0.3], Skewed().Weights.Select(w => Math.Round(w, 12)));
        Assert.Equal(1.0, new GaussianMixture(Tensor.FromRows([[0.0], [1.0]]), [2.0, 6.0], 1).Weights.Sum(), 1e-15);
        Assert.Throws<ArgumentException>(() => new GaussianMixture(Tensor.FromRows([[0.0], [1.0]]), [1.0], 1));
        Assert.Throws<ArgumentException>(() => new GaussianMixture(Tensor.FromRows([[0.0]]), [-1.0], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(Tensor.FromRows([[0.0]]), [1.0], 0));
        Assert.Throws<ArgumentException>(() => GaussianMixture.Circle().LogDensity(Tensor.Zeros(1, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Circle().Score(Tensor.Zeros(1, 2), -0.1));
    }
}
