using System.Runtime.Intrinsics;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Tensors;

/// <summary>
/// The library's own vector e^x and ln x against Math.Exp / Math.Log (double) and the double result rounded to float
/// (float), over their whole domains, with the IEEE special values. Bound: 2 ulps (the Taylor tails are far below one;
/// what is left is the rounding of a dozen fused multiply-adds and of the reference itself; 1 ulp was the worst seen).
/// </summary>
public sealed class VectorExpLogTests
{
    private const int MaxUlps = 2;

    [Fact]
    public void DoubleExpIsWithinTwoUlpsOverItsRange()
    {
        var rng = new Random(11);
        var xs = Enumerable.Range(0, 60_000).Select(_ => -745.1 + rng.NextDouble() * (709.78 + 745.1))
            .Concat(Enumerable.Range(0, 20_000).Select(_ => rng.NextDouble() * 2 - 1))
            .Concat(Enumerable.Range(0, 4_000).Select(i => -745.13 + i * 1e-3)) // results in the subnormal range
            .Concat([0.0, -0.0, 1e-300, -1e-300, 709.782712893384, -708.3964185322641, Math.Log(2) / 2, 1.0, -1.0])
            .ToArray();
        AssertWithin(xs, Run(xs, VectorExpLog.Exp), Math.Exp);
    }

    [Fact]
    public void DoubleLogIsWithinTwoUlpsOverItsRange()
    {
        var rng = new Random(12);
        var xs = Enumerable.Range(0, 60_000).Select(_ => Math.ScaleB(1 + rng.NextDouble(), rng.Next(-1074, 1024)))
            .Concat(Enumerable.Range(0, 20_000).Select(_ => 0.5 + rng.NextDouble() * 1.5))
            .Concat(Enumerable.Range(1, 2_000).Select(i => BitConverter.Int64BitsToDouble(i * 2_251_799_813_685L))) // subnormals
            .Concat([double.Epsilon, 2.2250738585072014e-308, double.MaxValue, 1.0, Math.Sqrt(2), Math.Sqrt(0.5), 1 + 1e-15, 1 - 1e-16])
            .Where(x => x > 0 && double.IsFinite(x)).ToArray();
        AssertWithin(xs, Run(xs, VectorExpLog.Log), Math.Log);
    }

    [Fact]
    public void FloatExpIsWithinTwoUlpsOverItsRange()
    {
        var rng = new Random(13);
        var xs = Enumerable.Range(0, 60_000).Select(_ => (float)(-103.9 + rng.NextDouble() * (88.72 + 103.9)))
            .Concat(Enumerable.Range(0, 20_000).Select(_ => (float)(rng.NextDouble() * 2 - 1)))
            .Concat(Enumerable.Range(0, 2_000).Select(i => -103.97f + i * 0.008f))
            .Concat([0f, -0f, 88.7228f, -87.33655f, 1f, -1f])
            .ToArray();
        AssertWithin(xs, Run(xs, VectorExpLog.Exp), x => (float)Math.Exp(x));
    }

    [Fact]
    public void FloatLogIsWithinTwoUlpsOverItsRange()
    {
        var rng = new Random(14);
        var xs = Enumerable.Range(0, 60_000).Select(_ => MathF.ScaleB((float)(1 + rng.NextDouble()), rng.Next(-149, 128)))
            .Concat(Enumerable.Range(0, 20_000).Select(_ => (float)(0.5 + rng.NextDouble() * 1.5)))
            .Concat(Enumerable.Range(1, 2_000).Select(i => BitConverter.Int32BitsToSingle(i * 4_194)))
            .Concat([float.Epsilon, 1.17549435e-38f, float.MaxValue, 1f, MathF.Sqrt(2), MathF.Sqrt(0.5f), 1 + 1e-7f])
            .Where(x => x > 0 && float.IsFinite(x)).ToArray();
        AssertWithin(xs, Run(xs, VectorExpLog.Log), x => (float)Math.Log(x));
    }

    [Theory]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(710.0, double.PositiveInfinity)]
    [InlineData(1e308, double.PositiveInfinity)]
    [InlineData(-746.0, 0.0)]
    [InlineData(-1e308, 0.0)]
    public void DoubleExpSpecialValues(double x, double expected)
    {
        Assert.Equal(expected, Run([x], VectorExpLog.Exp)[0]);
        Assert.Equal((float)expected, Run([(float)x], VectorExpLog.Exp)[0]);
    }

    [Theory]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, double.NaN)]
    [InlineData(0.0, double.NegativeInfinity)]
    [InlineData(-1.0, double.NaN)]
    [InlineData(-1e-30, double.NaN)]
    [InlineData(1.0, 0.0)]
    public void LogSpecialValues(double x, double expected)
    {
        foreach (var input in x == 0 ? [x, -x] : new[] { x })  // ln(-0) = ln(+0) = -inf
        {
            Assert.Equal(expected, Run([input], VectorExpLog.Log)[0]);
            Assert.Equal((float)expected, Run([(float)input], VectorExpLog.Log)[0]);
        }
    }

    [Fact]
    public void EveryLaneGivesTheSameBitsForTheSameInput()
    {
        var lanes = Vector256<double>.Count;
        var xs = Enumerable.Range(0, lanes * lanes).Select(i => i / lanes * 0.37 - 1.1).ToArray(); // value i/lanes in every lane
        var exp = Run(xs, VectorExpLog.Exp);
        var log = Run(xs.Select(Math.Abs).ToArray(), VectorExpLog.Log);
        for (var i = 0; i < xs.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(exp[i / lanes * lanes]), BitConverter.DoubleToInt64Bits(exp[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(log[i / lanes * lanes]), BitConverter.DoubleToInt64Bits(log[i]));
        }
    }

    private static T[] Run<T>(T[] xs, Func<Vector256<T>, Vector256<T>> f) where T : unmanaged
    {
        var n = Vector256<T>.Count;
        var padded = new T[(xs.Length + n - 1) / n * n];
        xs.CopyTo(padded, 0);
        var result = new T[padded.Length];
        for (var i = 0; i < padded.Length; i += n) f(Vector256.Create<T>(padded.AsSpan(i, n))).CopyTo(result, i);
        return result[..xs.Length];
    }

    private static void AssertWithin(double[] xs, double[] actual, Func<double, double> reference) =>
        AssertWithin(xs, actual, reference, BitConverter.DoubleToInt64Bits);

    private static void AssertWithin(float[] xs, float[] actual, Func<float, float> reference) =>
        AssertWithin(xs, actual, reference, x => BitConverter.SingleToInt32Bits(x));

    /// <summary>The largest distance in ulps over all inputs (the difference of the bit patterns: the two sides always
    /// share a sign here), and where it is.</summary>
    private static void AssertWithin<T>(T[] xs, T[] actual, Func<T, T> reference, Func<T, long> bits)
    {
        var worst = (Ulps: 0L, X: default(T));
        for (var i = 0; i < xs.Length; i++)
        {
            var ulps = Math.Abs(bits(actual[i]) - bits(reference(xs[i])));
            if (ulps > worst.Ulps) worst = (ulps, xs[i]);
        }
        Assert.True(worst.Ulps <= MaxUlps, $"{worst.Ulps} ulps at x = {worst.X:R}");
    }
}
