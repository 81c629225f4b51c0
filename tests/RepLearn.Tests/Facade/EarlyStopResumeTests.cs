using RepLearn;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using Xunit;
using CoreOps = RepLearn.Functional.Autodiff.Ops;

namespace RepLearn.Tests.Facade;

/// <summary>
/// A run stopped mid-epoch keeps the state of its last completed epoch, so saving it and resuming continues
/// exactly as an uninterrupted run (the partial epoch is discarded, not half-counted).
/// </summary>
public class EarlyStopResumeTests
{
    private static readonly double[][] Data = Enumerable.Range(0, 64)
        .Select(i => Enumerable.Range(0, 6).Select(j => ((i * 5 + j * 3) % 13) / 12.0).ToArray()).ToArray();

    private sealed class CancelAfter(int steps, CancellationTokenSource cts) : IProgress<TrainProgress>
    {
        private int seen;
        public void Report(TrainProgress value)
        {
            if (value.CompletedEpoch is null && ++seen == steps) cts.Cancel();
        }
    }

    [Fact]
    public void Cancelled_mid_epoch_then_saved_and_resumed_equals_training_straight_through()
    {
        var options = new TrainOptions { Epochs = 3, BatchSize = 16 };
        var straight = new Vae(inputDim: 6, latentDim: 2, hiddenDims: [8], seed: 5);
        straight.Fit(Data, options);

        var path = Path.Combine(Path.GetTempPath(), $"replearn-stop-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var cts = new CancellationTokenSource();
            var stopped = new Vae(inputDim: 6, latentDim: 2, hiddenDims: [8], seed: 5);
            var report = stopped.Fit(Data, options, new CancelAfter(6, cts), cts.Token); // 4 steps per epoch: stops in epoch 2
            Assert.False(report.Completed);
            Assert.Equal(1, stopped.EpochsCompleted);
            stopped.Save(path);

            var resumed = Vae.Load(path);
            resumed.Fit(Data, new TrainOptions { Epochs = 2, BatchSize = 16 });
            Assert.Equal(3, resumed.EpochsCompleted);
            Assert.Equal(straight.Encode(Data), resumed.Encode(Data));
            Assert.Equal(straight.NegativeElbo(Data), resumed.NegativeElbo(Data));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_fold_returns_the_epoch_boundary_state_beside_the_last_good_state()
    {
        var x = Tensor.FromRows(Data);
        var init = Dense.Init(Key.FromSeed(1), 6, 6);
        var adam = Optimizers.Adam<Dense>(1e-2);
        BatchLoss<Dense> loss = (p, b, _) => LossOutput.Of(CoreOps.Mean(CoreOps.Square(CoreOps.Sub(Dense.Apply(p, b), b))));
        var oneEpoch = Train.Fit(init, adam.Init(init), adam, loss, x, new FitOptions(1, 16, Key.FromSeed(2)));

        using var cts = new CancellationTokenSource();
        var steps = 0;
        var progress = new Progress(r => { if (r.CompletedEpoch is null && ++steps == 6) cts.Cancel(); });
        var stopped = Train.Fit(init, adam.Init(init), adam, loss, x, new FitOptions(3, 16, Key.FromSeed(2)), progress: progress, cancellation: cts.Token);

        Assert.Equal(FitStop.Cancelled, stopped.Stop);
        Assert.Equal(1, stopped.EpochsCompleted);
        Assert.Equal(oneEpoch.Parameters.Weight.ToArray(), stopped.EpochParameters.Weight.ToArray());
        Assert.NotEqual(stopped.EpochParameters.Weight.ToArray(), stopped.Parameters.Weight.ToArray());
    }

    private sealed class Progress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}
