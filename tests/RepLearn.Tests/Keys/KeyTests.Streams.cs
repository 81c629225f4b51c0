using RepLearn.Functional.Keys;
using Xunit;

namespace RepLearn.Tests.Keys;

/// <summary>Purity, independence of children and prefix stability of the key's streams.</summary>
public sealed partial class KeyTests
{
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
}
