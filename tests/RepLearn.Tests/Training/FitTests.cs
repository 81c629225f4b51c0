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

/// <summary>
/// Train.Fit on a small linear regression: rows [x1, x2, y] with y = 2 x1 - 3 x2 + 0.5 + noise, a
/// Dense(2 -> 1) model and the mean squared error. The loss also perturbs the inputs with noise drawn
/// from the step key, so every step's key (not just the shuffle) matters to the result.
/// </summary>
public sealed class FitTests
{
    private static readonly Dense Init = Dense.Init(Key.FromSeed(3), 2, 1);

    private static Tensor MakeData(int n)
    {
        var x = Sample.Normal(Key.FromSeed(100), n, 2);
        var noise = Sample.Normal(Key.FromSeed(101), n, 1);
        return Tensor.Create(n, 3, (r, c) => c < 2 ? x[r, c] : 2 * x[r, 0] - 3 * x[r, 1] + 0.5 + 0.01 * noise[r, 0]);
    }

    private static readonly Tensor Data64 = MakeData(64);
    private static readonly Tensor Data10 = MakeData(10);

    /// <summary>MSE of Dense(x + 0.01 eps) against y, eps ~ N(0, 1) from the step key; metric "mse" = the loss.</summary>
    private static LossOutput Mse(Dense p, Tensor batch, Key key)
    {
        var x = Ops.Add(Ops.SliceCols(batch, 0, 2), Ops.Scale(Sample.Normal(key, batch.Rows, 2), 0.01));
        var y = Ops.SliceCols(batch, 2, 1);
        var loss = Ops.Mean(Ops.Square(Ops.Sub(Dense.Apply(p, x), y)));
        return new LossOutput(loss, ImmutableSortedDictionary<string, double>.Empty.Add("mse", loss.ToScalar()));
    }

    private static GradientTransformation<Dense> Adam() => Optimizers.Adam<Dense>(0.05);

    private static FitResult<Dense> Fit(FitOptions options, Tensor? data = null, BatchLoss<Dense>? loss = null,
        GradientTransformation<Dense>? optimizer = null, Dense? start = null, OptState? state = null,
        IProgress<FitProgress>? progress = null, CancellationToken cancellation = default,
        Func<Dense, ImmutableSortedDictionary<string, double>>? evaluate = null)
    {
        optimizer ??= Adam();
        start ??= Init;
        return Train.Fit(start, state ?? optimizer.Init(start), optimizer, loss ?? Mse, data ?? Data64, options, evaluate, progress, cancellation);
    }

    /// <summary>
    /// The fold written out by hand from Train's documented key scheme: epoch e shuffles with
    /// key.FoldIn(e).FoldIn(-1) and step b uses key.FoldIn(e).FoldIn(b). Runs <paramref name="steps"/> steps.
    /// </summary>
    private static (Dense Params, OptState State) ManualFold(Tensor data, int batchSize, Key key, int steps,
        GradientTransformation<Dense>? optimizer = null)
    {
        optimizer ??= Adam();
        var p = Init;
        var state = optimizer.Init(p);
        var n = data.Rows;
        var stepsPerEpoch = (n + batchSize - 1) / batchSize;
        for (var done = 0; done < steps; done++)
        {
            var (epoch, b) = (done / stepsPerEpoch, done % stepsPerEpoch);
            var epochKey = key.FoldIn(epoch);
            var order = Sample.Permutation(epochKey.FoldIn(-1), n);
            var start = b * batchSize;
            var batch = data.GatherRows(order.AsSpan(start, Math.Min(batchSize, n - start)));
            var stepKey = epochKey.FoldIn(b);
            var (_, g) = Grad.ValueAndGrad<Dense>(q => Mse(q, batch, stepKey).Loss, p);
            (var u, state) = optimizer.Update(g, state, p);
            p = Transforms.ApplyUpdates(p, u);
        }
        return (p, state);
    }

    private static long[] Bits(Tensor t) => t.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static void AssertBitwiseEqual(Dense expected, Dense actual)
    {
        Assert.Equal(Bits(expected.Weight), Bits(actual.Weight));
        Assert.Equal(Bits(expected.Bias), Bits(actual.Bias));
    }

    private static void AssertBitwiseEqual(OptState expected, OptState actual) =>
        Assert.Equal(
            expected.Leaves().Select(l => l.Path + ":" + string.Join(",", Bits(l.Leaf))),
            actual.Leaves().Select(l => l.Path + ":" + string.Join(",", Bits(l.Leaf))));

    /// <summary>A synchronous IProgress (System.Progress posts to a context and may run late).</summary>
    private sealed class SyncProgress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }

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

    // ---- the fold learns ------------------------------------------------------------------------

    [Fact]
    public void FitDecreasesTheLossAndReportsOneEpochMetricsPerEpoch()
    {
        var result = Fit(new FitOptions(Epochs: 12, BatchSize: 8, Key: Key.FromSeed(1)));
        Assert.Equal(FitStop.Completed, result.Stop);
        Assert.Null(result.StopMessage);
        Assert.Equal(12, result.EpochsCompleted);
        Assert.Equal(Enumerable.Range(1, 12), result.History.Select(h => h.Epoch));
        Assert.All(result.History, h => Assert.Equal(0, h.SkippedSteps));
        // The "mse" metric is weighted exactly as the train loss (both are the per-sample mean of the batch losses).
        Assert.All(result.History, h => Assert.Equal(h.TrainLoss, h.Metrics["mse"]));
        var first = result.History[0].TrainLoss;
        var last = result.History[^1].TrainLoss;
        Assert.True(last < first / 100, $"loss went from {first} to {last}");
        // The fit recovers y = 2 x1 - 3 x2 + 0.5.
        Assert.Equal(2.0, result.Parameters.Weight[0, 0], 1);
        Assert.Equal(-3.0, result.Parameters.Weight[0, 1], 1);
        Assert.Equal(0.5, result.Parameters.Bias[0, 0], 1);
    }

    [Fact]
    public void FitEqualsTheHandWrittenFoldOverDocumentedKeys()
    {
        // 64 rows, batch 8: 8 steps per epoch, 3 epochs = 24 steps.
        var result = Fit(new FitOptions(3, 8, Key.FromSeed(5)));
        var (p, state) = ManualFold(Data64, 8, Key.FromSeed(5), 24);
        AssertBitwiseEqual(p, result.Parameters);
        AssertBitwiseEqual(state, result.OptimizerState);
    }

    [Fact]
    public void EvaluateAddsFiguresAtTheEndOfEachEpoch()
    {
        var seen = new List<Dense>();
        var result = Fit(new FitOptions(3, 16, Key.FromSeed(2)), evaluate: p =>
        {
            seen.Add(p);
            return ImmutableSortedDictionary<string, double>.Empty.Add("bias", p.Bias[0, 0]);
        });
        Assert.Equal(3, seen.Count);
        Assert.Same(result.Parameters, seen[^1]);
        Assert.Equal(seen.Select(p => p.Bias[0, 0]), result.History.Select(h => h.Metrics["bias"]));
        Assert.All(result.History, h => Assert.True(h.Metrics.ContainsKey("mse")));
    }

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
        var loadedParams = Tree.Unflatten(Init, Dense.Leaves(firstHalf.Parameters).Select(l => copy(l.Leaf)).ToList());
        var loadedState = Adam().Init(Init).WithLeaves(firstHalf.OptimizerState.Leaves().Select(l => copy(l.Leaf)).GetEnumerator());
        var resumed = Fit(new FitOptions(4, 8, key, StartEpoch: 2), start: loadedParams, state: loadedState);
        AssertBitwiseEqual(straight.Parameters, resumed.Parameters);
    }

    // ---- non-finite values ---------------------------------------------------------------------

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

    // ---- batches ------------------------------------------------------------------------------

    [Fact]
    public void TheLastPartialBatchIsUsedAndEverySampleOncePerEpoch()
    {
        // Column 0 of the data is the row's id; the loss records which rows each batch holds.
        var data = Tensor.Create(10, 3, (r, c) => c == 0 ? r : c == 1 ? 0.1 * r : 1.0);
        var batches = new List<int[]>();
        LossOutput Recording(Dense p, Tensor batch, Key key)
        {
            batches.Add(Enumerable.Range(0, batch.Rows).Select(r => (int)batch[r, 0]).ToArray());
            return Mse(p, batch, key);
        }
        var result = Fit(new FitOptions(2, 4, Key.FromSeed(4)), data, Recording);
        Assert.Equal(FitStop.Completed, result.Stop);
        Assert.Equal([4, 4, 2, 4, 4, 2], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10), batches.Take(3).SelectMany(b => b).Order());
        Assert.Equal(Enumerable.Range(0, 10), batches.Skip(3).SelectMany(b => b).Order());
        // The two epochs are shuffled differently.
        Assert.NotEqual(batches.Take(3).SelectMany(b => b), batches.Skip(3).SelectMany(b => b));
    }

    [Fact]
    public void ABatchLargerThanTheDataIsOneStepPerEpoch()
    {
        var sizes = new List<int>();
        var result = Fit(new FitOptions(2, 32, Key.FromSeed(4)), Data10, (p, b, k) => { sizes.Add(b.Rows); return Mse(p, b, k); });
        Assert.Equal([10, 10], sizes);
        Assert.Equal(2, result.History.Count);
    }

    // ---- bad options ----------------------------------------------------------------------------

    [Theory]
    [InlineData(0, 4, 0, "Epochs", "0")]
    [InlineData(-3, 4, 0, "Epochs", "-3")]
    [InlineData(2, 0, 0, "BatchSize", "0")]
    [InlineData(2, -1, 0, "BatchSize", "-1")]
    [InlineData(2, 4, -1, "StartEpoch", "-1")]
    [InlineData(2, 4, 3, "StartEpoch", "3")]
    public void BadOptionsThrowBeforeAnyWorkNamingTheParameter(int epochs, int batchSize, int startEpoch, string name, string value)
    {
        var calls = 0;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Fit(new FitOptions(epochs, batchSize, Key.FromSeed(0), StartEpoch: startEpoch), Data10, (p, b, k) => { calls++; return Mse(p, b, k); }));
        Assert.Equal(name, ex.ParamName);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void EmptyDataThrowsNamingData()
    {
        var ex = Assert.Throws<ArgumentException>(() => Fit(new FitOptions(1, 4, Key.FromSeed(0)), Tensor.Zeros(0, 3)));
        Assert.Equal("data", ex.ParamName);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }
}
