using RepLearn.Functional.Keys;
using RepLearn.Functional.Training;
using Xunit;

namespace RepLearn.Tests.Training;

/// <summary>Cancellation and progress: a cancelled fit stops after the step, and progress is reported once per step and per epoch.</summary>
public sealed partial class FitTests
{
    // ---- cancellation and progress --------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    public void CancellationFromTheProgressCallbackStopsAfterThatStep(int k)
    {
        using var cts = new CancellationTokenSource();
        var reports = 0;
        // Count step reports only; the report that closes an epoch (CompletedEpoch set) is not a step.
        var progress = new SyncProgress(r => { if (r.CompletedEpoch is null && ++reports == k) cts.Cancel(); });
        var result = Fit(new FitOptions(3, 4, Key.FromSeed(4)), Data10, progress: progress, cancellation: cts.Token);

        Assert.Equal(FitStop.Cancelled, result.Stop);
        Assert.Equal(k, reports);                       // no step ran after the cancellation
        var (p, state) = ManualFold(Data10, 4, Key.FromSeed(4), k);
        AssertBitwiseEqual(p, result.Parameters);
        AssertBitwiseEqual(state, result.OptimizerState);
        Assert.Equal(k / 3, result.History.Count);      // epochs completed before the cancellation
        Assert.Equal(k / 3, result.EpochsCompleted);
        Assert.Contains("cancel", result.StopMessage!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CancelledBeforeTheFirstStepReturnsTheStartingPoint()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var calls = 0;
        var result = Fit(new FitOptions(3, 4, Key.FromSeed(4)), Data10, (p, b, k) => { calls++; return Mse(p, b, k); }, cancellation: cts.Token);
        Assert.Equal(FitStop.Cancelled, result.Stop);
        Assert.Equal(0, calls);
        Assert.Same(Init, result.Parameters);
        Assert.Empty(result.History);
    }

    [Fact]
    public void ProgressIsReportedOncePerStepWithStepAndSamplesSeen()
    {
        var reports = new List<FitProgress>();
        var all = new List<FitProgress>();
        var result = Fit(new FitOptions(2, 4, Key.FromSeed(4)), Data10, progress: new SyncProgress(all.Add));
        reports.AddRange(all.Where(r => r.CompletedEpoch is null));
        // After each epoch's last step, exactly one more report carries that epoch's figures.
        var closing = all.Where(r => r.CompletedEpoch is not null).ToList();
        Assert.Equal([1, 2], closing.Select(r => r.CompletedEpoch!.Epoch));
        Assert.Equal(result.History, closing.Select(r => r.CompletedEpoch!));
        Assert.Equal([3, 7], closing.Select(r => all.IndexOf(r)));
        // 10 rows in batches of 4, 4, 2; two epochs.
        Assert.Equal(
            [(1, 1, 4L), (1, 2, 8L), (1, 3, 10L), (2, 1, 14L), (2, 2, 18L), (2, 3, 20L)],
            reports.Select(r => (r.Epoch, (int)r.Step, r.SamplesSeen)));
        Assert.All(reports, r =>
        {
            Assert.Equal(2, r.Epochs);
            Assert.Equal(3, r.StepsPerEpoch);
            Assert.True(double.IsFinite(r.Loss));
        });
        // Each epoch's train loss is the batch losses weighted by batch size: (4 l1 + 4 l2 + 2 l3) / 10.
        for (var e = 0; e < 2; e++)
        {
            var l = reports.Skip(3 * e).Take(3).Select(r => r.Loss).ToArray();
            Assert.Equal((4 * l[0] + 4 * l[1] + 2 * l[2]) / 10, result.History[e].TrainLoss, 14);
        }
    }
}
