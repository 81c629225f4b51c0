using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Optim;

/// <summary>Optimizer state serialisation: leaves round-trip bit for bit, paths are documented, malformed input is refused.</summary>
public sealed partial class OptimizerLawTests
{
    // ---- state serialisation -----------------------------------------------------------------

    public static TheoryData<string> SerialisableNames => ["adam", "momentum", "nesterov", "adamw", "sgd", "adam+clip", "skip(adam)"];

    /// <summary>The state's leaves copied into fresh buffers, as a checkpoint reader would produce them.</summary>
    private static List<Tensor> CopyLeaves(OptState state) =>
        state.Leaves().Select(l => Tensor.FromSpan(l.Leaf.Rows, l.Leaf.Cols, l.Leaf.ToArray())).ToList();

    [Theory]
    [MemberData(nameof(SerialisableNames))]
    public void StateLeavesWithLeavesRoundTripsBitForBit(string name)
    {
        var optimizer = Make(name);
        var p = Params;
        var state = optimizer.Init(p);
        for (var step = 0; step < 3; step++)
        {
            (var u, state) = optimizer.Update(RealGradient(p, 20 + step), state, p);
            p = Transforms.ApplyUpdates(p, u);
        }

        var leaves = state.Leaves().ToList();
        Assert.Equal(leaves.Count, leaves.Select(l => l.Path).Distinct().Count()); // paths are unique keys
        var restored = optimizer.Init(Params).WithLeaves(CopyLeaves(state).GetEnumerator());
        var back = restored.Leaves().ToList();
        Assert.Equal(leaves.Select(l => l.Path), back.Select(l => l.Path));
        for (var i = 0; i < leaves.Count; i++)
        {
            Assert.Equal(leaves[i].Leaf.ShapeString, back[i].Leaf.ShapeString);
            Assert.Equal(Bits(leaves[i].Leaf), Bits(back[i].Leaf));
        }

        // The restored state continues exactly as the original.
        var g = RealGradient(p, 99);
        var (fromOriginal, _) = optimizer.Update(g, state, p);
        var (fromRestored, _) = optimizer.Update(g, restored, p);
        AssertBitwiseEqual(fromOriginal, fromRestored);
    }

    [Fact]
    public void AdamChainStateHasDocumentedPaths()
    {
        var adam = Optimizers.Adam<Mlp>(1e-3);
        Assert.Equal(
            [
                "0.count",
                "0.mu.0.weight", "0.mu.0.bias", "0.mu.1.weight", "0.mu.1.bias",
                "0.nu.0.weight", "0.nu.0.bias", "0.nu.1.weight", "0.nu.1.bias",
                "1.count",
            ],
            adam.Init(Params).Leaves().Select(l => l.Path));
        var momentum = Optimizers.Momentum<Mlp>(1e-3);
        Assert.Equal(["0.trace.0.weight", "0.trace.0.bias", "0.trace.1.weight", "0.trace.1.bias", "1.count"],
            momentum.Init(Params).Leaves().Select(l => l.Path));
    }

    [Fact]
    public void WithLeavesRejectsMalformedInput()
    {
        var adam = Optimizers.Adam<Mlp>(1e-3);
        var template = adam.Init(Params);
        var good = CopyLeaves(template);

        // Too few tensors.
        Assert.Throws<InvalidDataException>(() => template.WithLeaves(good.Take(good.Count - 1).GetEnumerator()));
        // A moment tensor of the wrong shape.
        var wrongShape = good.ToList();
        wrongShape[1] = Tensor.Zeros(1, 1);
        Assert.Throws<InvalidDataException>(() => template.WithLeaves(wrongShape.GetEnumerator()));
        // A step count that is not a whole number, or negative.
        foreach (var badCount in new[] { 1.5, -1.0, double.NaN })
        {
            var badCounts = good.ToList();
            badCounts[0] = Tensor.Scalar(badCount);
            Assert.Throws<InvalidDataException>(() => template.WithLeaves(badCounts.GetEnumerator()));
        }
    }
}
