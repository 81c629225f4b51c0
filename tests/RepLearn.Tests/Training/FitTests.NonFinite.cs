using System.Collections.Immutable;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using RepLearn.Functional.Trees;
using Xunit;

namespace RepLearn.Tests.Training;

/// <summary>Non-finite losses and gradients: Fit stops naming the step, or skips and counts the steps with SkipNonFinite.</summary>
public sealed partial class FitTests
{
    // ---- non-finite values ---------------------------------------------------------------------

    /// <summary>The regression loss, but step <paramref name="badStep"/> (1-based, counting calls) is poisoned.</summary>
    private static BatchLoss<Dense> PoisonedAt(params int[] badSteps)
    {
        var calls = 0;
        return (p, batch, key) =>
        {
            calls++;
            var output = Mse(p, batch, key);
            return badSteps.Contains(calls) ? output with { Loss = Ops.Scale(output.Loss, double.NaN) } : output;
        };
    }

    [Fact]
    public void NaNLossStopsWithTheStepNumberAndTheParametersBeforeIt()
    {
        // 10 rows, batch 4: 3 steps per epoch; step 5 is epoch 2, batch 2.
        var options = new FitOptions(3, 4, Key.FromSeed(4));
        var result = Fit(options, Data10, PoisonedAt(5));
        Assert.Equal(FitStop.NonFinite, result.Stop);
        Assert.NotNull(result.StopMessage);
        Assert.Contains("step 5", result.StopMessage, StringComparison.Ordinal);
        Assert.Contains("loss", result.StopMessage, StringComparison.Ordinal);
        Assert.Single(result.History);            // epoch 1 completed, epoch 2 did not
        Assert.Equal(1, result.EpochsCompleted);

        var (before, stateBefore) = ManualFold(Data10, 4, Key.FromSeed(4), 4);
        AssertBitwiseEqual(before, result.Parameters);
        AssertBitwiseEqual(stateBefore, result.OptimizerState);
    }

    [Fact]
    public void NaNLossAtAnEpochBoundaryKeepsExactlyTheCompletedEpochs()
    {
        var options = new FitOptions(3, 4, Key.FromSeed(4));
        var result = Fit(options, Data10, PoisonedAt(4));
        Assert.Equal(FitStop.NonFinite, result.Stop);
        Assert.Contains("step 4", result.StopMessage!, StringComparison.Ordinal);
        var oneEpoch = Fit(options with { Epochs = 1 }, Data10);
        AssertBitwiseEqual(oneEpoch.Parameters, result.Parameters);
        AssertBitwiseEqual(oneEpoch.OptimizerState, result.OptimizerState);
        Assert.Equal(oneEpoch.History, result.History, (a, b) => a.Epoch == b.Epoch && a.TrainLoss == b.TrainLoss);
    }

    [Fact]
    public void NonFiniteGradientWithFiniteLossAlsoStops()
    {
        // sqrt(0 * sum(bias)) is 0 but its derivative is 1 / (2 * 0) = inf, times 0: a NaN gradient, a finite loss.
        var calls = 0;
        LossOutput Loss(Dense p, Tensor batch, Key key)
        {
            var output = Mse(p, batch, key);
            if (++calls != 2) return output;
            return output with { Loss = Ops.Add(output.Loss, Ops.Sqrt(Ops.Scale(Ops.Sum(p.Bias), 0))) };
        }
        var result = Fit(new FitOptions(2, 4, Key.FromSeed(4)), Data10, Loss);
        Assert.Equal(FitStop.NonFinite, result.Stop);
        Assert.Contains("gradient", result.StopMessage!, StringComparison.Ordinal);
        Assert.Contains("step 2", result.StopMessage!, StringComparison.Ordinal);
        AssertBitwiseEqual(ManualFold(Data10, 4, Key.FromSeed(4), 1).Params, result.Parameters);
    }

    [Fact]
    public void SkipNonFiniteCompletesAndCountsSkippedSteps()
    {
        var options = new FitOptions(3, 4, Key.FromSeed(4), SkipNonFinite: true);
        var reports = new List<FitProgress>();
        var result = Fit(options, Data10, PoisonedAt(5, 6), progress: new SyncProgress(reports.Add));
        Assert.Equal(FitStop.Completed, result.Stop);
        Assert.Null(result.StopMessage);
        Assert.Equal(3, result.EpochsCompleted);
        Assert.Equal([0, 2, 0], result.History.Select(h => h.SkippedSteps));
        Assert.All(result.History, h => Assert.True(double.IsFinite(h.TrainLoss)));
        Assert.True(Tree.AllFinite(result.Parameters));
        // Skipped steps leave the optimizer untouched: 9 steps run, 2 skipped, Adam counted 7.
        var links = Assert.IsType<ChainState>(result.OptimizerState).Links;
        Assert.Equal(7, Assert.IsType<AdamState<Dense>>(links[0]).Steps);
        Assert.Equal(7, Assert.IsType<CountState>(links[1]).Steps);
        // Epoch 2's train loss is the mean over the one batch (of 4 rows) that did run: steps 5 and 6 are left out.
        var ran = Assert.Single(reports, r => r.Epoch == 2 && r.Step == 1);
        Assert.Equal(ran.Loss, result.History[1].TrainLoss);
        Assert.DoesNotContain(reports, r => double.IsNaN(r.Loss));
    }

    [Fact]
    public void AGradientWhoseSquareOverflowsStopsAtItsStepNotAtTheEpochEnd()
    {
        // From step 4 (epoch 2) the loss is 1e200 * mse: finite, with finite gradients whose squares overflow Adam's
        // second moment to +inf (the --tau 1e-300 failure). The fold stops at that step with epoch 1's state.
        var calls = 0;
        BatchLoss<Dense> huge = (p, batch, key) =>
        {
            var output = Mse(p, batch, key);
            return ++calls > 3 ? output with { Loss = Ops.Scale(output.Loss, 1e200) } : output;
        };
        var result = Fit(new FitOptions(3, 4, Key.FromSeed(4)), Data10, huge);
        Assert.Equal(FitStop.NonFinite, result.Stop);
        Assert.Contains("gradient (an element beyond 1e150, whose square overflows) at step 4", result.StopMessage, StringComparison.Ordinal);
        Assert.Equal(1, result.EpochsCompleted);
        Assert.True(Tree.AllFinite(result.EpochOptimizerState));
    }

    [Fact]
    public void AStateThatTurnsNonFiniteStopsAtTheEpochEndWithThePreviousEpochsState()
    {
        // An optimizer whose state turns NaN at step 6 (the last of epoch 2) while its updates stay finite: only the epoch-end check sees it.
        var adam = Adam();
        var steps = 0;
        var poisoned = new GradientTransformation<Dense>(adam.Init, (g, s, p) =>
        {
            var (updates, state) = adam.Update(g, s, p);
            if (++steps != 6) return (updates, state); // the last step of epoch 2
            return (updates, Tree.Map(state, l => Tensor.Filled(l.Rows, l.Cols, double.NaN))); // step counts are not leaves: kept
        });
        var result = Fit(new FitOptions(3, 4, Key.FromSeed(4)), Data10, optimizer: poisoned);
        Assert.Equal(FitStop.NonFinite, result.Stop);
        Assert.Contains("non-finite optimizer state at the end of epoch 2; kept the state after epoch 1", result.StopMessage, StringComparison.Ordinal);
        Assert.Equal(1, result.EpochsCompleted);
        Assert.Single(result.History);
        Assert.True(Tree.AllFinite(result.Parameters));
        Assert.True(Tree.AllFinite(result.OptimizerState));
        Assert.Equal(result.EpochParameters, result.Parameters);
    }
}
