using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.Distributions;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace RepLearn.Tests.Keys;

/// <summary>
/// The counter-based key: a pinned stream (known-answer vectors for Threefry-2x64-20 and a snapshot of
/// the first numbers), purity, independence of children, prefix stability and statistical quality.
/// Statistical checks use fixed seeds, so they are deterministic; the tolerances are stated as standard
/// errors (SE) or as the critical value at the stated significance.
/// </summary>
public sealed class KeyTests
{
    private const int N = 100_000;

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Hex(Key k) => $"{k.K0:x16}:{k.K1:x16}";

    private static long[] Bits(Tensor t) => t.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    // ---- the stream is pinned ------------------------------------------------------------------

    [Theory]
    // Random123's kat_vectors for threefry2x64 with 20 rounds: counter (c0, c1), key (k0, k1) -> (x0, x1).
    [InlineData(0x0000000000000000UL, 0x0000000000000000UL, 0x0000000000000000UL, 0x0000000000000000UL, 0xc2b6e3a8c2c69865UL, 0x6f81ed42f350084dUL)]
    [InlineData(0xffffffffffffffffUL, 0xffffffffffffffffUL, 0xffffffffffffffffUL, 0xffffffffffffffffUL, 0xe02cb7c4d95d277aUL, 0xd06633d0893b8b68UL)]
    [InlineData(0x243f6a8885a308d3UL, 0x13198a2e03707344UL, 0xa4093822299f31d0UL, 0x082efa98ec4e6c89UL, 0x263c7d30bb0f0af1UL, 0x56be8361d3311526UL)]
    public void ThreefryMatchesRandom123KnownAnswers(ulong c0, ulong c1, ulong k0, ulong k1, ulong x0, ulong x1)
    {
        Assert.Equal((x0, x1), new Key(k0, k1).Block(c0, c1));
    }

    [Fact]
    public void KeysAndSamplesAreTheDocumentedFunctionsOfThreefry()
    {
        var key = Key.FromSeed(42);
        Assert.Equal(new Key(0, 42), key);                               // JAX's PRNGKey(seed) = [0, seed]
        Assert.Equal(new Key(0, unchecked((ulong)-1L)), Key.FromSeed(-1));
        var children = key.Split(3);
        for (var i = 0; i < 3; i++)
        {
            var (a, b) = key.Block((ulong)i, 1);                          // split domain = 1
            Assert.Equal(new Key(a, b), children[i]);
        }
        var (f0, f1) = key.Block(unchecked((ulong)-7L), 2);               // fold-in domain = 2
        Assert.Equal(new Key(f0, f1), key.FoldIn(-7));
        var (w0, w1) = key.Block(1, 0);                                   // sample domain = 0, block 1 -> elements 2, 3
        var u = Sample.Uniform(key, 1, 4);
        Assert.Equal((w0 >> 11) * Math.Pow(2, -53), u[0, 2]);
        Assert.Equal((w1 >> 11) * Math.Pow(2, -53), u[0, 3]);
    }

    [Fact]
    public void StreamSnapshot()
    {
        static object Stream(long seed)
        {
            var key = Key.FromSeed(seed);
            return new
            {
                Key = Hex(key),
                Uniform = Sample.Uniform(key, 1, 8).ToArray().Select(R).ToArray(),
                Normal = Sample.Normal(key, 1, 8).ToArray().Select(R).ToArray(),
                Split = new[] { key.Split().First, key.Split().Second }.Select(Hex).ToArray(),
                Split4 = key.Split(4).Select(Hex).ToArray(),
                FoldIn = new[] { 0L, 1L, -1L, 1_000_000L }.Select(d => $"{d}: {Hex(key.FoldIn(d))}").ToArray(),
                Permutation10 = string.Join(",", Sample.Permutation(key, 10)),
                Integers8Below100 = string.Join(",", Sample.Integers(key, 8, 100)),
            };
        }
        // The full name is given (not found by walking the stack), which keeps the first call fast.
        Snapshot.Match(new { Seed0 = Stream(0), Seed42 = Stream(42) },
            new SnapshotFullName($"{nameof(KeyTests)}.{nameof(StreamSnapshot)}.snap", SourceFolder()));
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    // ---- purity ----------------------------------------------------------------------------------

    [Fact]
    public void SameKeySameNumbers()
    {
        var key = Key.FromSeed(1234).FoldIn(5);
        Assert.Equal(Bits(Sample.Uniform(key, 3, 7)), Bits(Sample.Uniform(key, 3, 7)));
        Assert.Equal(Bits(Sample.Normal(key, 3, 7)), Bits(Sample.Normal(key, 3, 7)));
        Assert.Equal(Bits(Sample.Bernoulli(key, 3, 7, 0.4)), Bits(Sample.Bernoulli(key, 3, 7, 0.4)));
        Assert.Equal(Sample.Permutation(key, 50), Sample.Permutation(key, 50));
        Assert.Equal(Sample.Integers(key, 20, 9), Sample.Integers(key, 20, 9));
        Assert.Equal(key.Split(5), key.Split(5));
        Assert.Equal(key.FoldIn(3), key.FoldIn(3));
        // A key rebuilt from its two words is the same key.
        Assert.Equal(Bits(Sample.Normal(key, 2, 2)), Bits(Sample.Normal(new Key(key.K0, key.K1), 2, 2)));
    }

    // ---- independence of children -----------------------------------------------------------------

    [Fact]
    public void SplitChildrenDifferFromEachOtherAndFromTheParentStream()
    {
        var parent = Key.FromSeed(0);
        var (a, b) = parent.Split();
        Assert.NotEqual(a, b);
        Assert.NotEqual(parent, a);
        Assert.NotEqual(parent, b);
        Assert.Equal([a, b], parent.Split(2));

        var streams = new[] { parent, a, b }.Select(k => Sample.Uniform(k, 1, 256).ToArray()).ToArray();
        for (var i = 0; i < 3; i++)
            for (var j = i + 1; j < 3; j++)
                Assert.Empty(streams[i].Intersect(streams[j]));            // no shared 53-bit values at all

        // Many children: all distinct, and distinct from the fold-ins and the parent.
        var splits = parent.Split(2000);
        var folds = Enumerable.Range(0, 2000).Select(i => parent.FoldIn(i)).ToArray();
        var all = splits.Concat(folds).Append(parent).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.Empty(parent.Split(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => parent.Split(-1));
    }

    [Fact]
    public void SplitChildrenStreamsAreUncorrelated()
    {
        var (a, b) = Key.FromSeed(8).Split();
        var x = Sample.Normal(a, 1, N).ToArray();
        var y = Sample.Normal(b, 1, N).ToArray();
        var r = MathNet.Numerics.Statistics.Correlation.Pearson(x, y);
        Assert.True(Math.Abs(r) < 4 / Math.Sqrt(N), $"corr = {r}");       // SE of r under independence: 1/sqrt(n)
    }

    // ---- prefix stability -------------------------------------------------------------------------

    [Fact]
    public void ASamplesFirstElementsDoNotDependOnItsSize()
    {
        var key = Key.FromSeed(31);
        Assert.Equal(Bits(Sample.Uniform(key, 1, 3)), Bits(Sample.Uniform(key, 1, 10)).Take(3));
        Assert.Equal(Bits(Sample.Normal(key, 1, 3)), Bits(Sample.Normal(key, 1, 10)).Take(3));   // odd size: the block's sin half is dropped
        Assert.Equal(Bits(Sample.Bernoulli(key, 1, 3, 0.5)), Bits(Sample.Bernoulli(key, 1, 10, 0.5)).Take(3));
        Assert.Equal(Sample.Integers(key, 3, 7), Sample.Integers(key, 10, 7).Take(3));
        // Nor on its shape: a 2 x 5 sample is the 1 x 10 sample in row-major order.
        Assert.Equal(Bits(Sample.Uniform(key, 1, 10)), Bits(Sample.Uniform(key, 2, 5)));
        Assert.Equal(Bits(Sample.Normal(key, 1, 10)), Bits(Sample.Normal(key, 5, 2)));
        Assert.Empty(Sample.Uniform(key, 0, 4).ToArray());
    }

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
