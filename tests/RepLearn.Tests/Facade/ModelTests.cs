using RepLearn.Functional.Checkpoints;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>
/// The facade models (Autoencoder, DenoisingAutoencoder, Vae, ContrastiveEncoder) at toy sizes: training lowers
/// the loss, outputs have the documented shapes, save/load and resuming are bit-exact, seeds reproduce runs,
/// non-finite steps and cancellation stop cleanly, and the VAE's collapse diagnostics are in range.
/// Validation of bad input lives in <see cref="ModelValidationTests"/>, damaged checkpoints in <see cref="ModelCheckpointTests"/>.
/// </summary>
public sealed class ModelTests
{
    // ---- training ---------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void Fit_lowers_the_loss_and_reports_each_epoch(string kind)
    {
        var m = Create(kind);
        var before = m.Loss(Test);
        var sink = new Sink();
        var report = m.Fit(Train, Test, Options(epochs: 2), sink);

        Assert.True(report.Completed);
        Assert.Null(report.StopReason);
        Assert.Equal([1, 2], report.Epochs.Select(e => e.Epoch));
        Assert.Equal(2, m.EpochsCompleted);
        Assert.All(report.Epochs, e =>
        {
            Assert.True(double.IsFinite(e.TrainLoss));
            Assert.NotNull(e.TestLoss);
            Assert.True(e.Seconds >= 0);
        });
        Assert.True(report.Epochs[1].TrainLoss < report.Epochs[0].TrainLoss,
            $"{kind}: epoch 2 train loss {report.Epochs[1].TrainLoss} is not below epoch 1's {report.Epochs[0].TrainLoss}");
        Assert.True(m.Loss(Test) < before, $"{kind}: test loss {m.Loss(Test)} after training is not below {before} before");
        Assert.Equal(report.FinalTestLoss, m.Loss(Test));   // the reported test loss is the model's own Loss on the test rows

        // 8 step reports per epoch (256 rows / 32), then one report closing the epoch.
        var steps = sink.Reports.Where(p => p.CompletedEpoch is null).ToList();
        Assert.Equal(16, steps.Count);
        Assert.All(steps, p => Assert.Equal(8, p.StepsPerEpoch));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => 32L * i), steps.Take(8).Select(p => p.SamplesSeen));
        var closing = sink.Reports.Where(p => p.CompletedEpoch is not null).Select(p => p.CompletedEpoch!).ToList();
        Assert.Equal(report.Epochs.Count, closing.Count);
        foreach (var (r, c) in report.Epochs.Zip(closing))
        {
            Assert.Equal((r.Epoch, r.TrainLoss, r.TestLoss, r.Seconds), (c.Epoch, c.TrainLoss, c.TestLoss, c.Seconds));
            Assert.Equal(r.Metrics.OrderBy(kv => kv.Key), c.Metrics.OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public void Vae_epoch_metrics_hold_the_reconstruction_and_kl_terms()
    {
        var vae = (Vae)Create("vae");
        var report = vae.Fit(Train, Options());
        var epoch = Assert.Single(report.Epochs);
        Assert.Null(epoch.TestLoss);
        Assert.True(epoch.Metrics.Count > 0, "a VAE epoch reports its ELBO terms");
        Assert.All(epoch.Metrics.Values, v => Assert.True(double.IsFinite(v)));
    }

    // ---- shapes ----------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void Encode_reconstruct_and_decode_have_the_documented_shapes(string kind)
    {
        var m = Create(kind);
        Assert.Equal(kind, m.Kind);
        Assert.Equal(Width, m.InputDim);
        Assert.Equal(Latent, m.RepresentationDim);
        Assert.Equal(0, m.EpochsCompleted);

        var codes = m.Encode(Test);
        Assert.Equal(Test.Length, codes.Length);
        Assert.All(codes, row => Assert.Equal(Latent, row.Length));
        Assert.All(codes.SelectMany(r => r), v => Assert.True(double.IsFinite(v)));

        Assert.Equal(kind != "contrastive", m is IReconstructingModel);
        if (m is IReconstructingModel r)
        {
            var rec = r.Reconstruct(Test);
            Assert.Equal(Test.Length, rec.Length);
            Assert.All(rec, row => Assert.Equal(Width, row.Length));
            var decoded = r.Decode([[0, 0, 0, 0], [1, -1, 2, -2], [0.5, 0.5, 0.5, 0.5]]);
            Assert.Equal(3, decoded.Length);
            Assert.All(decoded, row => Assert.Equal(Width, row.Length));
            if (kind == "vae")   // Bernoulli decoder: means are probabilities
                Assert.All(rec.Concat(decoded).SelectMany(x => x), v => Assert.InRange(v, 0.0, 1.0));
            // Decoding the codes of x is reconstructing x.
            Assert.Equal(Bits(rec), Bits(r.Decode(codes)));
        }
        // A single row works too.
        Assert.Single(m.Encode([Test[0]]));
    }

    // ---- save and load ---------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void Save_then_load_gives_bit_identical_outputs(string kind)
    {
        using var dir = new TempFolder();
        var m = Create(kind);
        m.Fit(Train, Options());
        var path = dir.File($"{kind}.safetensors");
        m.Save(path);

        Assert.Equal(kind, Models.KindOf(path));
        foreach (var loaded in new[] { Load(kind, path), Models.Load(path) })
        {
            Assert.Equal(m.GetType(), loaded.GetType());
            Assert.Equal(kind, loaded.Kind);
            Assert.Equal(m.InputDim, loaded.InputDim);
            Assert.Equal(m.RepresentationDim, loaded.RepresentationDim);
            Assert.Equal(1, loaded.EpochsCompleted);
            Assert.Equal(Outputs(m), Outputs(loaded));
            Assert.Equal(Bits(m.Loss(Test)), Bits(loaded.Loss(Test)));
        }

        // Saving the loaded model again writes the same tensors and metadata.
        var again = dir.File("again.safetensors");
        Load(kind, path).Save(again);
        AssertSameCheckpoint(path, again);

        // The metadata carries the format, the kind, the training state and the hyperparameters.
        var meta = Safetensors.Load(path).Metadata;
        Assert.Equal("replearn-checkpoint", meta["format"]);
        Assert.Equal(kind, meta["model_kind"]);
        Assert.Equal("1", meta["epochs_completed"]);
        Assert.Equal("7", meta["seed"]);
        Assert.Equal("true", meta["has_optimizer_state"]);
        Assert.Equal("784", meta["input_dim"]);
        Assert.Equal("32", meta["hidden_dims"]);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void An_untrained_model_saves_and_loads_too(string kind)
    {
        using var dir = new TempFolder();
        var m = Create(kind);
        m.Save(dir.File("m.safetensors"));
        var loaded = Load(kind, dir.File("m.safetensors"));
        Assert.Equal(0, loaded.EpochsCompleted);
        Assert.Equal("false", Safetensors.Load(dir.File("m.safetensors")).Metadata["has_optimizer_state"]);
        Assert.Equal(Outputs(m), Outputs(loaded));
        // Training the loaded copy equals training the original.
        m.Fit(Train[..64], Options());
        loaded.Fit(Train[..64], Options());
        Assert.Equal(Outputs(m), Outputs(loaded));
    }

    // ---- resuming ----------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void Fit_3_equals_fit_1_save_load_fit_2_bit_for_bit(string kind)
    {
        using var dir = new TempFolder();
        var a = Create(kind);
        var straight = a.Fit(Train, Test, Options(epochs: 3));

        var b = Create(kind);
        var first = b.Fit(Train, Test, Options(epochs: 1));
        b.Save(dir.File("b1.safetensors"));
        var resumed = Load(kind, dir.File("b1.safetensors"));
        Assert.Equal(1, resumed.EpochsCompleted);
        var sink = new Sink();
        var rest = resumed.Fit(Train, Test, Options(epochs: 2), sink);

        Assert.Equal(3, resumed.EpochsCompleted);
        Assert.Equal([2, 3], rest.Epochs.Select(e => e.Epoch));
        Assert.All(sink.Reports, p => Assert.Equal(3, p.Epochs));          // the epoch this call ends at
        Assert.All(sink.Reports, p => Assert.InRange(p.SamplesSeen, 1, Train.Length));
        Assert.Equal(Outputs(a), Outputs(resumed));
        // The per-epoch figures match too (timings aside).
        var straightLosses = straight.Epochs.Select(e => (Bits(e.TrainLoss), Bits(e.TestLoss!.Value)));
        var resumedLosses = first.Epochs.Concat(rest.Epochs).Select(e => (Bits(e.TrainLoss), Bits(e.TestLoss!.Value)));
        Assert.Equal(straightLosses, resumedLosses);

        // The saved files hold the same tensors (parameters and optimizer state) and metadata.
        a.Save(dir.File("a.safetensors"));
        resumed.Save(dir.File("b3.safetensors"));
        AssertSameCheckpoint(dir.File("a.safetensors"), dir.File("b3.safetensors"));
    }

    [Theory]
    [InlineData("ae", 0.0, 1.0)]
    [InlineData("vae", 1e-2, null)]
    [InlineData("dae", 1e-2, 0.5)]
    public void Models_trained_with_weight_decay_or_clipping_save_load_and_resume_bit_for_bit(string kind, double weightDecay, double? clipNorm)
    {
        using var dir = new TempFolder();
        TrainOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 32, LearningRate = 3e-3, WeightDecay = weightDecay, ClipNorm = clipNorm };
        var options = Options(1);
        var a = Create(kind);
        a.Fit(Train[..128], Options(2));

        var b = Create(kind);
        b.Fit(Train[..128], options);
        b.Save(dir.File("b.safetensors"));
        var resumed = Load(kind, dir.File("b.safetensors"));
        Assert.Equal(Outputs(b), Outputs(resumed));
        resumed.Fit(Train[..128], options);
        Assert.Equal(Outputs(a), Outputs(resumed));
        a.Save(dir.File("a.safetensors"));
        resumed.Save(dir.File("b2.safetensors"));
        AssertSameCheckpoint(dir.File("a.safetensors"), dir.File("b2.safetensors"));
    }

    [Theory]
    [InlineData("ae")]
    [InlineData("vae")]
    public void Options_may_change_between_fits(string kind)
    {
        // Adam's state carries over; clipping and weight decay may be switched on or off from one Fit to the next.
        var clipped = new TrainOptions { Epochs = 1, BatchSize = 32, LearningRate = 1e-3, ClipNorm = 1.0, WeightDecay = 1e-3 };
        var m = Create(kind);
        Assert.True(m.Fit(Train[..64], Options()).Completed);
        Assert.True(m.Fit(Train[..64], clipped).Completed);
        Assert.True(m.Fit(Train[..64], Options()).Completed);
        Assert.Equal(3, m.EpochsCompleted);
    }

    // ---- reproducibility -------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void The_same_seed_twice_gives_bit_identical_models(string kind)
    {
        using var dir = new TempFolder();
        var one = Create(kind, seed: 11);
        var two = Create(kind, seed: 11);
        Assert.Equal(Outputs(one), Outputs(two));
        var r1 = one.Fit(Train[..96], Options());
        var r2 = two.Fit(Train[..96], Options());
        Assert.Equal(Bits(r1.FinalTrainLoss), Bits(r2.FinalTrainLoss));
        Assert.Equal(Outputs(one), Outputs(two));
        one.Save(dir.File("one.safetensors"));
        two.Save(dir.File("two.safetensors"));
        AssertSameCheckpoint(dir.File("one.safetensors"), dir.File("two.safetensors"));
        Assert.Equal(File.ReadAllBytes(dir.File("one.safetensors")), File.ReadAllBytes(dir.File("two.safetensors")));

        Assert.NotEqual(Outputs(Create(kind, seed: 11)), Outputs(Create(kind, seed: 12)));
    }

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

    // ---- VAE diagnostics ---------------------------------------------------------------------------

    [Fact]
    public void Vae_kl_per_dimension_and_active_units_are_in_range()
    {
        var vae = new Vae(Width, Latent, [Hidden], seed: 7);
        vae.Fit(Train, Options(epochs: 2));
        var kl = vae.KlPerDimension(Test);
        Assert.Equal(Latent, kl.Length);
        Assert.All(kl, k => Assert.True(double.IsFinite(k) && k >= 0, $"KL {k}"));
        Assert.InRange(vae.ActiveUnits(Test), 0, Latent);
        Assert.Equal(Latent, vae.LatentDim);
        var logVar = vae.EncodeLogVariance(Test);
        Assert.Equal(Test.Length, logVar.Length);
        Assert.All(logVar, row => Assert.Equal(Latent, row.Length));
        Assert.Equal(vae.Loss(Test), vae.NegativeElbo(Test));
        Assert.True(vae.NegativeElbo(Test) > 0);
    }

    [Fact]
    public void A_beta_zero_vae_still_reports_diagnostics_in_range()
    {
        // Posterior collapse is a diagnostic, not an error: with beta = 0 nothing regularises the posterior, and every figure stays in range.
        var vae = new Vae(Width, Latent, [Hidden], seed: 7, beta: 0);
        vae.Fit(Train, Options());
        Assert.InRange(vae.ActiveUnits(Test), 0, Latent);
        Assert.All(vae.KlPerDimension(Test), k => Assert.True(k >= 0));
    }
}
