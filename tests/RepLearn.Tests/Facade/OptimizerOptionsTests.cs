using RepLearn;
using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary>
/// The facade's optimizer is always Chain(clip or identity, Adam, decay, learning rate), so a checkpoint
/// saved under any TrainOptions loads, and Fit may continue under other options.
/// (Regression: clipping once shifted the chain, so such checkpoints failed to load.)
/// </summary>
public class OptimizerOptionsTests
{
    private static readonly double[][] Data = Enumerable.Range(0, 48)
        .Select(i => Enumerable.Range(0, 6).Select(j => ((i * 7 + j * 3) % 11) / 10.0).ToArray()).ToArray();

    [Fact]
    public void Checkpoint_saved_with_clipping_and_decay_loads_and_training_continues_under_other_options()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replearn-opt-{Guid.NewGuid():N}.safetensors");
        try
        {
            var ae = new Autoencoder(inputDim: 6, latentDim: 2, hiddenDims: [8], seed: 3);
            ae.Fit(Data, new TrainOptions { Epochs = 1, BatchSize = 16, ClipNorm = 1.0, WeightDecay = 1e-3 });
            ae.Save(path);

            var loaded = Autoencoder.Load(path);
            Assert.Equal(ae.Encode(Data), loaded.Encode(Data));
            var report = loaded.Fit(Data, new TrainOptions { Epochs = 1, BatchSize = 16 });
            Assert.True(report.Completed);
            Assert.Equal(2, loaded.EpochsCompleted);
            var again = ae.Fit(Data, new TrainOptions { Epochs = 1, BatchSize = 16, ClipNorm = 0.5 });
            Assert.True(again.Completed);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Resuming_with_the_same_clipping_and_decay_equals_training_straight_through()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replearn-opt-{Guid.NewGuid():N}.safetensors");
        var options = new TrainOptions { Epochs = 1, BatchSize = 16, ClipNorm = 0.5, WeightDecay = 1e-2 };
        try
        {
            var straight = new Autoencoder(inputDim: 6, latentDim: 2, hiddenDims: [8], seed: 3);
            straight.Fit(Data, new TrainOptions { Epochs = 2, BatchSize = 16, ClipNorm = 0.5, WeightDecay = 1e-2 });

            var first = new Autoencoder(inputDim: 6, latentDim: 2, hiddenDims: [8], seed: 3);
            first.Fit(Data, options);
            first.Save(path);
            var resumed = Autoencoder.Load(path);
            resumed.Fit(Data, options);

            Assert.Equal(straight.Encode(Data), resumed.Encode(Data));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
