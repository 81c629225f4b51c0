using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Data;

public class AugmentTests
{
    private const int Side = Shapes.Side;
    private static readonly Tensor Batch = Shapes.Generate(Key.FromSeed(51), 32).Images;

    public static TheoryData<string> Names => ["shift", "noise", "mask", "rotation", "crop", "elastic", "default", "strong"];

    private static Func<Key, Tensor, Tensor> ByName(string name) => name switch
    {
        "shift" => (k, x) => Augment.RandomShift(k, x, Side, 3),
        "noise" => (k, x) => Augment.GaussianNoise(k, x, 0.2),
        "mask" => (k, x) => Augment.PixelMask(k, x, 0.3),
        "rotation" => (k, x) => Augment.SmallRotation(k, x, Side, 0.5),
        "crop" => (k, x) => Augment.RandomResizedCrop(k, x, Side, 0.5),
        "elastic" => (k, x) => Augment.ElasticDistortion(k, x, Side, 34, 4),
        "strong" => Augment.Strong(Side),
        _ => Augment.Default(Side),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void KeepsShapeStaysInUnitIntervalAndIsDeterministicPerKey(string name)
    {
        var augment = ByName(name);
        var a = augment(Key.FromSeed(1), Batch);
        var b = augment(Key.FromSeed(1), Batch);
        var c = augment(Key.FromSeed(2), Batch);
        Assert.True(a.SameShape(Batch));
        Assert.True(a.Span.SequenceEqual(b.Span));
        Assert.False(a.Span.SequenceEqual(c.Span));
        Assert.False(a.Span.SequenceEqual(Batch.Span));
        Assert.All(a.Span.ToArray(), v => Assert.InRange(v, 0.0, 1.0));
    }

    [Fact]
    public void ZeroStrengthIsTheIdentity()
    {
        var key = Key.FromSeed(3);
        Assert.True(Augment.RandomShift(key, Batch, Side, 0).Span.SequenceEqual(Batch.Span));
        Assert.True(Augment.Shift(Batch, Side, 0, 0).Span.SequenceEqual(Batch.Span));
        Assert.True(Augment.GaussianNoise(key, Batch, 0).Span.SequenceEqual(Batch.Span));
        Assert.True(Augment.PixelMask(key, Batch, 0).Span.SequenceEqual(Batch.Span));
        Assert.True(Augment.RandomResizedCrop(key, Batch, Side, 1).Span.SequenceEqual(Batch.Span));
        Assert.True(Augment.Compose()(key, Batch).Span.SequenceEqual(Batch.Span));
        AssertClose(Batch, Augment.SmallRotation(key, Batch, Side, 0), 1e-12);
        Assert.True(Augment.ElasticDistortion(key, Batch, Side, 0, 4).Span.SequenceEqual(Batch.Span));
        AssertClose(Batch, Augment.Rotate(Batch, Side, 0), 1e-12);
    }

    [Fact]
    public void ShiftMovesPixelsAndFillsWithZero()
    {
        var shifted = Augment.Shift(Batch, Side, 2, -1);
        for (var i = 0; i < 4; i++)
            for (var r = 0; r < Side; r++)
                for (var c = 0; c < Side; c++)
                {
                    int sr = r + 1, sc = c - 2;
                    var expected = sr < Side && sc >= 0 ? Batch[i, sr * Side + sc] : 0.0;
                    Assert.Equal(expected, shifted[i, r * Side + c]);
                }
        // a random shift is one of the (2m + 1)^2 deterministic shifts, image by image
        var random = Augment.RandomShift(Key.FromSeed(4), Batch, Side, 1);
        for (var i = 0; i < Batch.Rows; i++)
        {
            var image = Batch.SliceRows(i, 1);
            var candidates = from dx in new[] { -1, 0, 1 } from dy in new[] { -1, 0, 1 } select Augment.Shift(image, Side, dx, dy);
            Assert.Contains(candidates, s => s.Span.SequenceEqual(random.Row(i)));
        }
    }

    [Fact]
    public void QuarterTurnsArePermutations()
    {
        var turned = Augment.Rotate(Batch, Side, Math.PI / 2);
        for (var i = 0; i < 4; i++)
            for (var r = 0; r < Side; r++)
                for (var c = 0; c < Side; c++)
                    Assert.Equal(Batch[i, (Side - 1 - c) * Side + r], turned[i, r * Side + c], 1e-12);
        var full = Batch;
        for (var t = 0; t < 4; t++) full = Augment.Rotate(full, Side, Math.PI / 2);
        AssertClose(Batch, full, 1e-10);
    }

    [Fact]
    public void MaskZeroesAboutAFractionPAndKeepsTheRest()
    {
        var ones = Tensor.Filled(64, Side * Side, 0.5);
        var masked = Augment.PixelMask(Key.FromSeed(5), ones, 0.3);
        var zeroed = masked.Span.ToArray().Count(v => v == 0) / (double)masked.Length;
        Assert.Equal(0.3, zeroed, 0.01);
        Assert.All(masked.Span.ToArray(), v => Assert.True(v == 0 || v == 0.5));
        Assert.True(Augment.PixelMask(Key.FromSeed(5), ones, 1).Span.ToArray().All(v => v == 0));
    }

    [Fact]
    public void ComposeSplitsTheKeyPerStepAndTwoViewsDiffer()
    {
        var key = Key.FromSeed(6);
        Func<Key, Tensor, Tensor> noise = (k, x) => Augment.GaussianNoise(k, x, 0.1);
        Func<Key, Tensor, Tensor> mask = (k, x) => Augment.PixelMask(k, x, 0.1);
        var keys = key.Split(2);
        var expected = mask(keys[1], noise(keys[0], Batch));
        Assert.True(Augment.Compose(noise, mask)(key, Batch).Span.SequenceEqual(expected.Span));
        var (a, b) = Augment.TwoViews(Augment.Default(Side), key, Batch);
        Assert.False(a.Span.SequenceEqual(b.Span));
        Assert.True(a.SameShape(Batch) && b.SameShape(Batch));
    }

    [Fact]
    public void ElasticDisplacementsAreSmoothAndOfSimardsSize()
    {
        // A horizontal ramp x(r, c) = c / (side - 1) maps each pixel to the column it samples from (divided by side - 1), so
        // away from the border out - x is the horizontal displacement dx / (side - 1). Simard's alpha 34, sigma 4 gives
        // dx with a standard deviation of about alpha 0.577 / (2 sqrt(pi) sigma) = 1.38 pixels, and neighbours that move alike.
        var ramp = Tensor.Create(64, Side * Side, (_, p) => p % Side / (double)(Side - 1));
        var warped = Augment.ElasticDistortion(Key.FromSeed(7), ramp, Side, 34, 4);
        var shifts = new List<double>();
        double neighbourGap = 0;
        for (var i = 0; i < ramp.Rows; i++)
            for (var r = 8; r < Side - 8; r++)
                for (var c = 8; c < Side - 8; c++)
                {
                    var here = (warped[i, r * Side + c] - ramp[i, r * Side + c]) * (Side - 1);
                    var right = (warped[i, r * Side + c + 1] - ramp[i, r * Side + c + 1]) * (Side - 1);
                    shifts.Add(here);
                    neighbourGap = Math.Max(neighbourGap, Math.Abs(right - here));
                }
        var spread = Math.Sqrt(shifts.Sum(d => d * d) / shifts.Count);
        Assert.InRange(spread, 1.0, 1.8);
        Assert.True(neighbourGap < 1.0, $"neighbouring displacements differ by {neighbourGap} pixels");
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.ElasticDistortion(Key.FromSeed(0), Batch, Side, -1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.ElasticDistortion(Key.FromSeed(0), Batch, Side, 34, 0));
    }

    [Fact]
    public void NonSquareRowsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Augment.RandomShift(Key.FromSeed(0), Tensor.Zeros(2, 10), 3, 1));
        Assert.Throws<ArgumentException>(() => Augment.Default(27)(Key.FromSeed(0), Batch));
        Assert.Throws<ArgumentException>(() => Augment.Strong(27)(Key.FromSeed(0), Batch));
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.True(expected.SameShape(actual));
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected.Span[i], actual.Span[i], tolerance);
    }
}
