using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Tensors;

/// <summary>
/// The packed GEMM against a naive triple loop, for every transpose combination and for shapes
/// chosen to hit each code path: below one micro-tile, not multiples of MR = 6 or NR = 2W,
/// k above KC = 256 (k-blocking, accumulation across blocks), and more than 4e6 multiply-adds
/// (the parallel path). Tolerance: |C - naive| &lt;= 1e-12 * sum_p |a_ip b_pj|, i.e. 1e-12
/// relative to the magnitude the dot product is made of (exactly relative when no term cancels).
/// </summary>
public class GemmTests
{
    private const double RelativeTolerance = 1e-12;

    public static TheoryData<int, int, int, bool, bool> Cases()
    {
        var shapes = new (int M, int K, int N)[]
        {
            (1, 1, 1), (7, 13, 5), (6, 1, 17), (1, 300, 1), (5, 7, 11), (13, 257, 9), (17, 33, 19),
            (9, 600, 15), (12, 256, 16), (250, 300, 70), (128, 784, 400),
        };
        var data = new TheoryData<int, int, int, bool, bool>();
        foreach (var (m, k, n) in shapes)
            foreach (var ta in new[] { false, true })
                foreach (var tb in new[] { false, true })
                    data.Add(m, k, n, ta, tb);
        return data;
    }

    /// <summary>Deterministic values in [-1, 1) (SplitMix64), so every run multiplies the same matrices.</summary>
    internal static double[] RandomBuffer(int length, ulong seed)
    {
        var buffer = new double[length];
        var state = seed * 0x9E3779B97F4A7C15UL + 1;
        for (var i = 0; i < length; i++)
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            buffer[i] = (z >> 11) * (2.0 / (1UL << 53)) - 1.0;
        }
        return buffer;
    }

    /// <summary>op(A) op(B) and sum |op(A)| |op(B)|, by the definition.</summary>
    private static (double[] C, double[] Magnitude) Naive(double[] a, bool ta, double[] b, bool tb, int m, int k, int n)
    {
        var c = new double[m * n];
        var mag = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double s = 0, t = 0;
                for (var p = 0; p < k; p++)
                {
                    var x = ta ? a[p * m + i] : a[i * k + p];
                    var y = tb ? b[j * k + p] : b[p * n + j];
                    s += x * y;
                    t += Math.Abs(x * y);
                }
                c[i * n + j] = s;
                mag[i * n + j] = t;
            }
        return (c, mag);
    }

    private static void AssertClose(double[] expected, double[] magnitude, ReadOnlySpan<double> actual, int n)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var err = Math.Abs(actual[i] - expected[i]);
            if (!(err <= RelativeTolerance * magnitude[i]))
                Assert.Fail($"C[{i / n},{i % n}] = {actual[i]:R}, naive {expected[i]:R}, error {err:G3} > 1e-12 * {magnitude[i]:G6}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GemmMatchesTheNaiveProduct(int m, int k, int n, bool ta, bool tb)
    {
        var a = RandomBuffer(m * k, 1);
        var b = RandomBuffer(k * n, 2);
        var (aCopy, bCopy) = ((double[])a.Clone(), (double[])b.Clone());
        var c = Gemm.Multiply(a, ta, b, tb, m, k, n);
        var (expected, magnitude) = Naive(a, ta, b, tb, m, k, n);
        AssertClose(expected, magnitude, c, n);
        Assert.Equal(aCopy, a); // inputs are never written
        Assert.Equal(bCopy, b);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatMulMatchesTheNaiveProduct(int m, int k, int n, bool ta, bool tb)
    {
        var a = RandomBuffer(m * k, 3);
        var b = RandomBuffer(k * n, 4);
        var ta2 = ta ? Tensor.FromSpan(k, m, a) : Tensor.FromSpan(m, k, a);
        var tb2 = tb ? Tensor.FromSpan(n, k, b) : Tensor.FromSpan(k, n, b);
        var c = Ops.MatMul(ta2, tb2, ta, tb);
        Assert.Equal((m, n), (c.Rows, c.Cols));
        var (expected, magnitude) = Naive(a, ta, b, tb, m, k, n);
        AssertClose(expected, magnitude, c.Span, n);
    }

    [Theory]
    [InlineData(128, 784, 400, false, false)]
    [InlineData(250, 300, 70, true, true)]
    [InlineData(13, 257, 9, true, false)]
    public void SameInputsGiveBitIdenticalResults(int m, int k, int n, bool ta, bool tb)
    {
        var a = RandomBuffer(m * k, 5);
        var b = RandomBuffer(k * n, 6);
        var first = Gemm.Multiply(a, ta, b, tb, m, k, n);
        var second = Gemm.Multiply(a, ta, b, tb, m, k, n);
        Assert.True(first.AsSpan().SequenceEqual(second), "two runs of the same product differ");
    }

    /// <summary>
    /// Every element sums its k terms in the same order however the work is split, so a
    /// single row computed alone (one core) equals that row of the parallel product, bit for bit.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ParallelProductEqualsRowsComputedAlone(bool tb)
    {
        const int m = 128, k = 784, n = 400;
        var a = RandomBuffer(m * k, 7);
        var b = RandomBuffer(k * n, 8);
        var full = Gemm.Multiply(a, false, b, tb, m, k, n);
        foreach (var row in new[] { 0, 5, 6, 77, 127 })
        {
            var alone = Gemm.Multiply(a.AsSpan(row * k, k).ToArray(), false, b, tb, 1, k, n);
            Assert.True(alone.AsSpan().SequenceEqual(full.AsSpan(row * n, n)), $"row {row} differs when computed alone");
        }
    }

    /// <summary>
    /// The first KC block writes C instead of adding to a cleared C, so what C held before must not matter: a C full of
    /// NaN and a C of zeros give the same bits, on every path this CPU runs, with ragged tiles and several KC blocks,
    /// on one thread and two; and an empty inner dimension still gives zeros.
    /// </summary>
    [Theory]
    [InlineData(128, 784, 400)]
    [InlineData(13, 257, 9)]
    [InlineData(7, 3, 5)]
    [InlineData(4, 0, 6)]
    public void WhatCHeldBeforeDoesNotMatter(int m, int k, int n)
    {
        var a = RandomBuffer(m * k, 9);
        var b = RandomBuffer(k * n, 10);
        foreach (var isa in GemmIsaSelection.Supported)
            foreach (var threads in new[] { 1, 2 })
            {
                var clean = new double[m * n];
                var dirty = Enumerable.Repeat(double.NaN, m * n).ToArray();
                Gemm.MultiplyInto<double>(a, false, b, false, clean, m, k, n, isa, threads);
                Gemm.MultiplyInto<double>(a, false, b, false, dirty, m, k, n, isa, threads);
                Assert.True(clean.AsSpan().SequenceEqual(dirty), $"{GemmIsaSelection.Name(isa)}, {threads} threads: C's old contents leaked");
                if (k == 0) Assert.All(dirty, v => Assert.Equal(0.0, v));
            }
    }

    [Fact]
    public void EmptyInnerDimensionGivesZeros()
    {
        var c = Ops.MatMul(Tensor.Zeros(3, 0), Tensor.Zeros(0, 4));
        Assert.Equal((3, 4), (c.Rows, c.Cols));
        Assert.All(c.ToArray(), v => Assert.Equal(0.0, v));
        Assert.Empty(Gemm.Multiply(Array.Empty<double>(), false, Array.Empty<double>(), false, 0, 5, 0));
    }

    [Fact]
    public void MismatchedInnerDimensionsAreAnErrorNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Contains("2x3", ex.Message);
        Assert.Contains("4x5", ex.Message);
    }
}
