using RepLearn.Functional.Trees;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Optim;

/// <summary>SkipIfNotFinite: NaN and infinite steps are skipped and counted, and the inner state is left as it was.</summary>
public sealed partial class OptimizerLawTests
{
    // ---- skipping non-finite steps ------------------------------------------------------------

    [Fact]
    public void SkipIfNotFiniteSkipsNaNAndInfinityAndCountsThem()
    {
        var inner = Optimizers.Adam<Mlp>(1e-2);
        var skip = Transforms.SkipIfNotFinite(inner);
        var g1 = RealGradient(Params, 1);
        var g2 = RealGradient(Params, 2);

        var (_, s1) = skip.Update(g1, skip.Init(Params), Params);
        var afterFirst = Assert.IsType<SkipState>(s1);
        Assert.Equal(0, afterFirst.Skipped);

        var state = s1;
        var skipped = 0;
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            // One bad element in one leaf poisons the whole step.
            var layers = g1.Layers.ToArray();
            layers[1] = layers[1] with { Bias = Tensor.RowVector([0.1, bad]) };
            var poisoned = g1 with { Layers = [.. layers] };
            (var updates, state) = skip.Update(poisoned, state, Params);
            skipped++;
            AssertSameStructure(Params, updates);
            Assert.All(Tree.Leaves(updates).SelectMany(l => l.Leaf.ToArray()), v => Assert.Equal(0.0, v));
            var s = Assert.IsType<SkipState>(state);
            Assert.Equal(skipped, s.Skipped);
            Assert.Same(afterFirst.Inner, s.Inner); // the inner state is the very same object: unchanged
        }

        // A finite step after the skips continues as if the bad steps had never come.
        var (u, final) = skip.Update(g2, state, Params);
        var (_, direct1) = inner.Update(g1, inner.Init(Params), Params);
        var (expected, directState) = inner.Update(g2, direct1, Params);
        AssertBitwiseEqual(expected, u);
        Assert.Equal(3, Assert.IsType<SkipState>(final).Skipped);
        Assert.Equal(
            Tree.Flatten(directState).Select(e => (e.Path, e.Leaf is { } l ? Bits(l) : [e.Count])).ToList(),
            Tree.Flatten(Assert.IsType<SkipState>(final).Inner).Select(e => (e.Path, e.Leaf is { } l ? Bits(l) : [e.Count])).ToList(),
            new PathBitsComparer());
    }

    private sealed class PathBitsComparer : IEqualityComparer<(string, long[])>
    {
        public bool Equals((string, long[]) x, (string, long[]) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);
        public int GetHashCode((string, long[]) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
