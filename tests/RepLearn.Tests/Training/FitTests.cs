using System.Collections.Immutable;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;
using RepLearn.Functional.Training;
using Xunit;

namespace RepLearn.Tests.Training;

/// <summary>
/// Train.Fit on a small linear regression: rows [x1, x2, y] with y = 2 x1 - 3 x2 + 0.5 + noise, a
/// Dense(2 -> 1) model and the mean squared error. The loss also perturbs the inputs with noise drawn
/// from the step key, so every step's key (not just the shuffle) matters to the result.
/// </summary>
public sealed partial class FitTests
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
        Assert.Equal(Show(expected), Show(actual));

    /// <summary>Every leaf's bits and every step count, with their paths.</summary>
    private static IEnumerable<string> Show(OptState state) =>
        Tree.Flatten(state).Select(e => e.Path + ":" + (e.Leaf is { } leaf ? string.Join(",", Bits(leaf)) : $"{e.Count}"));

    /// <summary>A synchronous IProgress (System.Progress posts to a context and may run late).</summary>
    private sealed class SyncProgress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
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
}
