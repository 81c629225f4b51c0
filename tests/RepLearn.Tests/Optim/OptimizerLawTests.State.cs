using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using RepLearn.Functional.Trees;
using Xunit;

namespace RepLearn.Tests.Optim;

/// <summary>
/// Optimizer state serialisation: a state is a tree whose flattening (leaves and step counts) round-trips bit for
/// bit, paths are documented, malformed input is refused.
/// </summary>
public sealed partial class OptimizerLawTests
{
    // ---- state serialisation -----------------------------------------------------------------

    public static TheoryData<string> SerialisableNames => ["adam", "momentum", "nesterov", "adamw", "sgd", "adam+clip", "skip(adam)"];

    /// <summary>The state's leaves copied into fresh buffers, as a checkpoint reader would produce them.</summary>
    private static List<Tensor> CopyLeaves(OptState state) =>
        Tree.Leaves(state).Select(l => Tensor.FromSpan(l.Leaf.Rows, l.Leaf.Cols, l.Leaf.ToArray())).ToList();

    [Theory]
    [MemberData(nameof(SerialisableNames))]
    public void StateFlattenUnflattenRoundTripsBitForBit(string name)
    {
        var optimizer = Make(name);
        var p = Params;
        var state = optimizer.Init(p);
        for (var step = 0; step < 3; step++)
        {
            (var u, state) = optimizer.Update(RealGradient(p, 20 + step), state, p);
            p = Transforms.ApplyUpdates(p, u);
        }

        var entries = Tree.Flatten(state);
        Assert.Equal(entries.Count, entries.Select(l => l.Path).Distinct().Count()); // paths are unique keys
        // Rebuilt from a fresh Init, as a resumed run does: leaves and counts both come from the flattening.
        var restored = Tree.Unflatten(optimizer.Init(Params), CopyLeaves(state), [.. Tree.Counts(state).Select(c => c.Count)]);
        var back = Tree.Flatten(restored);
        Assert.Equal(entries.Select(l => (l.Path, l.Count)), back.Select(l => (l.Path, l.Count)));
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].Leaf is { } leaf)
            {
                Assert.Equal(leaf.ShapeString, back[i].Leaf!.ShapeString);
                Assert.Equal(Bits(leaf), Bits(back[i].Leaf!));
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
        // Flattening order, counts included: the tensor names and order of a checkpoint's "optimizer.*" part.
        var adam = Optimizers.Adam<Mlp>(1e-3);
        Assert.Equal(
            [
                "0.count",
                "0.mu.0.weight", "0.mu.0.bias", "0.mu.1.weight", "0.mu.1.bias",
                "0.nu.0.weight", "0.nu.0.bias", "0.nu.1.weight", "0.nu.1.bias",
                "1.count",
            ],
            Tree.Flatten(adam.Init(Params)).Select(l => l.Path));
        Assert.Equal(["0.count", "1.count"], Tree.Counts(adam.Init(Params)).Select(c => c.Path));
        var momentum = Optimizers.Momentum<Mlp>(1e-3);
        Assert.Equal(["0.trace.0.weight", "0.trace.0.bias", "0.trace.1.weight", "0.trace.1.bias", "1.count"],
            Tree.Flatten(momentum.Init(Params)).Select(l => l.Path));
    }

    [Fact]
    public void UnflattenRejectsMalformedInput()
    {
        var adam = Optimizers.Adam<Mlp>(1e-3);
        var template = adam.Init(Params);
        var good = CopyLeaves(template);

        // Too few tensors, or too many.
        Assert.Throws<ArgumentException>(() => Tree.Unflatten(template, good[..^1]));
        Assert.Throws<ArgumentException>(() => Tree.Unflatten(template, [.. good, good[0]]));
        // A moment tensor of the wrong shape.
        var wrongShape = good.ToList();
        wrongShape[1] = Tensor.Zeros(1, 1);
        Assert.Throws<ArgumentException>(() => Tree.Unflatten(template, wrongShape));
        // One count too few.
        Assert.Throws<ArgumentException>(() => Tree.Unflatten(template, good, [0L]));
    }

    [Fact]
    public void CheckpointRefusesAStepCountThatIsNotAWholeNumber()
    {
        // Counts are stored by the checkpoint as 1 x 1 tensors; a file whose count is fractional, negative or NaN
        // (with a valid checksum, as a buggy writer would produce) is refused on load, naming the tensor.
        var adam = Optimizers.Adam<Mlp>(1e-3);
        var state = new TrainingState<Mlp>(Params, adam.Init(Params));
        foreach (var badCount in new[] { 1.5, -1.0, double.NaN })
        {
            var tensors = Checkpoint.ToTensors(state)
                .Select(t => t.Name == "optimizer.0.count" ? SafetensorsTensor.Matrix(t.Name, Tensor.Scalar(badCount)) : t).ToList();
            var metadata = new Dictionary<string, string>
            {
                ["format"] = Checkpoint.FormatName, ["format_version"] = Checkpoint.FormatVersion, ["model_kind"] = "mlp",
            };
            metadata[CheckpointChecksum.Key] = CheckpointChecksum.Compute(metadata, tensors);
            using var stream = new MemoryStream();
            Safetensors.Write(stream, tensors, metadata);
            stream.Position = 0;
            var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Read(stream, stream.Length, "bad.safetensors", "mlp", _ => state));
            Assert.Contains("optimizer.0.count", e.Message);
        }
    }
}
