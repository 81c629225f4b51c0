using MathNet.Numerics.Distributions;
using RepLearn.Functional.Keys;
using Xunit;

namespace RepLearn.Tests.Keys;

/// <summary>Statistical quality of uniforms, normals, permutations, Bernoullis and integers (fixed seeds, stated tolerances).</summary>
public sealed partial class KeyTests
{
    // ---- statistics --------------------------------------------------------------------------------

    private static (double Mean, double Variance) Moments(double[] x)
    {
        var mean = x.Average();
        var variance = x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
        return (mean, variance);
    }

    /// <summary>Kolmogorov-Smirnov statistic D = sup |F_n(x) - F(x)|.</summary>
    private static double KolmogorovSmirnov(double[] x, Func<double, double> cdf)
    {
        var sorted = x.Order().ToArray();
        var d = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / sorted.Length - f, f - (double)i / sorted.Length));
        }
        return d;
    }

    /// <summary>The KS critical value at significance 0.001 for large n: sqrt(-ln(0.0005) / 2) / sqrt(n) = 1.949 / sqrt(n).</summary>
    private static double KsCritical(int n) => Math.Sqrt(-Math.Log(0.0005) / 2) / Math.Sqrt(n);

    private static double ChiSquare(long[] counts, double expected) => counts.Sum(c => (c - expected) * (c - expected) / expected);

    [Fact]
    public void UniformsHaveTheRightMomentsAndDistribution()
    {
        var u = Sample.Uniform(Key.FromSeed(2024), 1, N).ToArray();
        Assert.All(u, v => Assert.True(v >= 0 && v < 1));
        var (mean, variance) = Moments(u);
        // U[0, 1): mean 1/2, SE sqrt(1/12 / n) = 0.00091; variance 1/12, SE sqrt((1/80 - 1/144) / n) = 0.00024.
        Assert.True(Math.Abs(mean - 0.5) < 4 * Math.Sqrt(1.0 / 12 / N), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1.0 / 12) < 4 * Math.Sqrt((1.0 / 80 - 1.0 / 144) / N), $"variance {variance}");
        Assert.True(KolmogorovSmirnov(u, v => v) < KsCritical(N));

        // Chi-square over 100 equal bins, df 99, critical value at significance 0.001 (about 148.2).
        var counts = new long[100];
        foreach (var v in u) counts[(int)(v * 100)]++;
        var chi2 = ChiSquare(counts, N / 100.0);
        Assert.True(chi2 < ChiSquared.InvCDF(99, 0.999), $"chi2 = {chi2}");

        // Consecutive values are uncorrelated (lag-1 correlation, SE 1/sqrt(n)).
        var lag = MathNet.Numerics.Statistics.Correlation.Pearson(u.Take(N - 1), u.Skip(1));
        Assert.True(Math.Abs(lag) < 4 / Math.Sqrt(N), $"lag-1 corr {lag}");
    }

    [Fact]
    public void NormalsHaveTheRightMomentsAndDistribution()
    {
        var z = Sample.Normal(Key.FromSeed(2025), 1, N).ToArray();
        Assert.All(z, v => Assert.True(double.IsFinite(v)));
        var (mean, variance) = Moments(z);
        // N(0, 1): mean SE 1/sqrt(n) = 0.0032; variance SE sqrt(2/n) = 0.0045, tolerance 0.02 (4.5 SE).
        Assert.True(Math.Abs(mean) < 4 / Math.Sqrt(N), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1) < 0.02, $"variance {variance}");
        // Skewness 0 (SE sqrt(6/n) = 0.0077) and kurtosis 3 (SE sqrt(24/n) = 0.0155).
        var skewness = z.Average(v => Math.Pow(v - mean, 3)) / Math.Pow(variance, 1.5);
        var kurtosis = z.Average(v => Math.Pow(v - mean, 4)) / (variance * variance);
        Assert.True(Math.Abs(skewness) < 4 * Math.Sqrt(6.0 / N), $"skewness {skewness}");
        Assert.True(Math.Abs(kurtosis - 3) < 4 * Math.Sqrt(24.0 / N), $"kurtosis {kurtosis}");

        // Kolmogorov-Smirnov against the standard normal CDF, for all values and for the cos and sin halves of Box-Muller.
        double Phi(double v) => Normal.CDF(0, 1, v);
        Assert.True(KolmogorovSmirnov(z, Phi) < KsCritical(N), "KS, all");
        var cos = z.Where((_, i) => i % 2 == 0).ToArray();
        var sin = z.Where((_, i) => i % 2 == 1).ToArray();
        Assert.True(KolmogorovSmirnov(cos, Phi) < KsCritical(cos.Length), "KS, cos half");
        Assert.True(KolmogorovSmirnov(sin, Phi) < KsCritical(sin.Length), "KS, sin half");
        // The two values of one Box-Muller pair are uncorrelated.
        var pair = MathNet.Numerics.Statistics.Correlation.Pearson(cos, sin);
        Assert.True(Math.Abs(pair) < 4 / Math.Sqrt(cos.Length), $"pair corr {pair}");
    }

    [Fact]
    public void PermutationIsAPermutation()
    {
        var key = Key.FromSeed(3);
        foreach (var n in new[] { 0, 1, 2, 7, 100, 1000 })
            Assert.Equal(Enumerable.Range(0, n), Sample.Permutation(key.FoldIn(n), n).Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample.Permutation(key, -1));
    }

    [Fact]
    public void PermutationsAreUniformOverKeys()
    {
        // 72 000 permutations of 6 items from keys FromSeed(77).FoldIn(i).
        const int items = 6, draws = 72_000;
        var root = Key.FromSeed(77);
        var cells = new long[items, items];
        var perms = new Dictionary<string, long>();
        for (var i = 0; i < draws; i++)
        {
            var p = Sample.Permutation(root.FoldIn(i), items);
            for (var pos = 0; pos < items; pos++) cells[pos, p[pos]]++;
            var name = string.Concat(p);
            perms[name] = perms.GetValueOrDefault(name) + 1;
        }
        // Each position holds each value with probability 1/6: chi-square, df 5, at significance 1e-4 per position.
        var critical = ChiSquared.InvCDF(items - 1, 1 - 1e-4);
        for (var pos = 0; pos < items; pos++)
        {
            var row = Enumerable.Range(0, items).Select(v => cells[pos, v]).ToArray();
            var chi2 = ChiSquare(row, draws / (double)items);
            Assert.True(chi2 < critical, $"position {pos}: chi2 = {chi2}, counts {string.Join(",", row)}");
        }
        // All 720 orders appear, each with probability 1/720: chi-square, df 719, at significance 0.001.
        Assert.Equal(720, perms.Count);
        var all = ChiSquare(perms.Values.ToArray(), draws / 720.0);
        Assert.True(all < ChiSquared.InvCDF(719, 0.999), $"chi2 over 720 orders = {all}");
    }

    [Fact]
    public void BernoulliFrequencyMatchesP()
    {
        foreach (var (p, seed) in new[] { (0.3, 5L), (0.5, 6L), (0.01, 7L) })
        {
            var b = Sample.Bernoulli(Key.FromSeed(seed), 1, N, p).ToArray();
            Assert.All(b, v => Assert.True(v == 0.0 || v == 1.0));
            var frequency = b.Average();
            Assert.True(Math.Abs(frequency - p) < 4 * Math.Sqrt(p * (1 - p) / N), $"p = {p}: frequency {frequency}");
        }
        Assert.All(Sample.Bernoulli(Key.FromSeed(1), 1, 1000, 0).ToArray(), v => Assert.Equal(0.0, v));
        Assert.All(Sample.Bernoulli(Key.FromSeed(1), 1, 1000, 1).ToArray(), v => Assert.Equal(1.0, v));
        foreach (var bad in new[] { -0.1, 1.1, double.NaN })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Sample.Bernoulli(Key.FromSeed(1), 1, 2, bad));
            Assert.Equal("p", ex.ParamName);
        }
    }

    [Fact]
    public void IntegersAreUniformInRange()
    {
        var values = Sample.Integers(Key.FromSeed(12), N, 10);
        Assert.All(values, v => Assert.InRange(v, 0, 9));
        var counts = new long[10];
        foreach (var v in values) counts[v]++;
        var chi2 = ChiSquare(counts, N / 10.0);
        Assert.True(chi2 < ChiSquared.InvCDF(9, 0.999), $"chi2 = {chi2}");
        Assert.All(Sample.Integers(Key.FromSeed(12), 100, 1), v => Assert.Equal(0, v));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Sample.Integers(Key.FromSeed(1), 3, 0));
        Assert.Equal("maxExclusive", ex.ParamName);
    }
}
