using RepLearn.Functional.Checkpoints;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>Stopping early: non-finite steps stop (or are skipped) cleanly, and cancellation stops with Completed false.</summary>
public sealed partial class ModelTests
{
    // ---- non-finite steps --------------------------------------------------------------------------

    [Fact]
    public void A_step_that_makes_the_loss_non_finite_stops_training_and_keeps_the_last_finite_parameters()
    {
        using var dir = new TempFolder();
        var vae = new Vae(Width, Latent, [Hidden], seed: 7);
        var report = vae.Fit(Train, Test, new TrainOptions { Epochs = 2, BatchSize = 32, LearningRate = 1e300 });

        Assert.False(report.Completed);
        Assert.NotNull(report.StopReason);
        Assert.Contains("non-finite", report.StopReason);
        Assert.Matches(@"step \d+", report.StopReason);
        Assert.Empty(report.Epochs);
        Assert.Equal(0, vae.EpochsCompleted);

        // The parameters are finite: Save (which refuses non-finite values) succeeds and the file loads.
        vae.Save(dir.File("kept.safetensors"));
        Assert.All(Safetensors.Load(dir.File("kept.safetensors")).Tensors, t => Assert.All(t.Value.ToArray(), v => Assert.True(double.IsFinite(v))));
        var loaded = Vae.Load(dir.File("kept.safetensors"));
        Assert.Equal(Bits(vae.EncodeLogVariance(Test[..4])), Bits(loaded.EncodeLogVariance(Test[..4])));
    }

    [Fact]
    public void A_non_finite_step_stops_before_updating_so_the_model_still_encodes_finitely()
    {
        // lr 1e80: the first Adam step moves each weight by about 1e80; the encoder's two layers stay finite
        // (~1e165) but the decoder's output overflows, so step 2's loss is not finite and training stops there.
        var vae = new Vae(Width, Latent, [Hidden], seed: 7);
        var report = vae.Fit(Train, new TrainOptions { Epochs = 1, BatchSize = 32, LearningRate = 1e80 });
        Assert.False(report.Completed);
        Assert.Contains("step 2", report.StopReason);
        Assert.All(vae.Encode(Test).SelectMany(r => r), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void SkipNonFinite_skips_bad_steps_instead_of_stopping()
    {
        var vae = new Vae(Width, Latent, [Hidden], seed: 7);
        var report = vae.Fit(Train, new TrainOptions { Epochs = 1, BatchSize = 32, LearningRate = 1e80, SkipNonFinite = true });
        Assert.True(report.Completed);
        Assert.Null(report.StopReason);
        Assert.Equal(1, vae.EpochsCompleted);
        Assert.All(vae.Encode(Test).SelectMany(r => r), v => Assert.True(double.IsFinite(v)));
    }

    // ---- cancellation ----------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void Cancelling_from_the_progress_callback_stops_with_completed_false(string kind)
    {
        var m = Create(kind);
        using var cts = new CancellationTokenSource();
        var sink = new Sink(p =>
        {
            if (p.Epoch == 2 && p.Step == 3) cts.Cancel();
        });
        var report = m.Fit(Train, null, Options(epochs: 3), sink, cts.Token);

        Assert.False(report.Completed);
        Assert.NotNull(report.StopReason);
        Assert.Contains("cancel", report.StopReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([1], report.Epochs.Select(e => e.Epoch));   // epoch 1 finished, epoch 2 did not
        Assert.Equal(1, m.EpochsCompleted);
        Assert.Equal(3, sink.Reports.Last().Step);                // no step ran after the cancelling one
        Assert.All(m.Encode(Test).SelectMany(r => r), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void An_already_cancelled_token_runs_no_step()
    {
        var m = Create("ae");
        var before = Outputs(m);
        var report = m.Fit(Train, Options(), cancellationToken: new CancellationToken(canceled: true));
        Assert.False(report.Completed);
        Assert.Empty(report.Epochs);
        Assert.Equal(0, m.EpochsCompleted);
        Assert.Equal(before, Outputs(m));
    }
}
