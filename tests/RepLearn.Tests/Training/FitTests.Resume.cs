using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using RepLearn.Functional.Trees;
using Xunit;

namespace RepLearn.Tests.Training;

/// <summary>Reproducibility and resume: the same key gives bit-identical runs, and resuming equals training straight through.</summary>
public sealed partial class FitTests
{
    // ---- reproducibility and resume -------------------------------------------------------------

    [Fact]
    public void SameKeyGivesBitIdenticalParameters()
    {
        var options = new FitOptions(4, 8, Key.FromSeed(9));
        var a = Fit(options);
        var b = Fit(options);
        AssertBitwiseEqual(a.Parameters, b.Parameters);
        AssertBitwiseEqual(a.OptimizerState, b.OptimizerState);
        Assert.Equal(a.History.Select(h => h.TrainLoss), b.History.Select(h => h.TrainLoss));

        // A different key shuffles (and perturbs) differently.
        var c = Fit(options with { Key = Key.FromSeed(10) });
        Assert.NotEqual(Bits(a.Parameters.Weight), Bits(c.Parameters.Weight));
    }

    [Fact]
    public void ResumingAfterTwoEpochsEqualsFourEpochsStraight()
    {
        var key = Key.FromSeed(21);
        var straight = Fit(new FitOptions(4, 8, key));

        var firstHalf = Fit(new FitOptions(2, 8, key));
        Assert.Equal(2, firstHalf.EpochsCompleted);
        var resumed = Fit(new FitOptions(4, 8, key, StartEpoch: 2), start: firstHalf.Parameters, state: firstHalf.OptimizerState);

        AssertBitwiseEqual(straight.Parameters, resumed.Parameters);
        AssertBitwiseEqual(straight.OptimizerState, resumed.OptimizerState);
        Assert.Equal(FitStop.Completed, resumed.Stop);
        Assert.Equal(4, resumed.EpochsCompleted);
        Assert.Equal([3, 4], resumed.History.Select(h => h.Epoch));
        Assert.Equal(
            straight.History.Skip(2).Select(h => BitConverter.DoubleToInt64Bits(h.TrainLoss)),
            resumed.History.Select(h => BitConverter.DoubleToInt64Bits(h.TrainLoss)));
        Assert.Equal(firstHalf.History.Select(h => h.TrainLoss), straight.History.Take(2).Select(h => h.TrainLoss));
    }

    [Fact]
    public void ResumingFromACheckpointedStateEqualsStraight()
    {
        // As a checkpoint would: flatten the parameters and the optimizer state, copy the buffers, rebuild.
        var key = Key.FromSeed(22);
        var straight = Fit(new FitOptions(4, 8, key));
        var firstHalf = Fit(new FitOptions(2, 8, key));
        var copy = (Tensor t) => Tensor.FromSpan(t.Rows, t.Cols, t.ToArray());
        var loadedParams = Tree.Unflatten(Init, Tree.Leaves(firstHalf.Parameters).Select(l => copy(l.Leaf)).ToList());
        var loadedState = Tree.Unflatten(Adam().Init(Init), Tree.Leaves(firstHalf.OptimizerState).Select(l => copy(l.Leaf)).ToList(),
            Tree.Counts(firstHalf.OptimizerState).Select(c => c.Count).ToList());
        var resumed = Fit(new FitOptions(4, 8, key, StartEpoch: 2), start: loadedParams, state: loadedState);
        AssertBitwiseEqual(straight.Parameters, resumed.Parameters);
    }
}
