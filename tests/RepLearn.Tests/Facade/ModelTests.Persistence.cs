using RepLearn.Functional.Checkpoints;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>Save and load, resuming and seeds: outputs, checkpoints and per-epoch figures are bit-identical.</summary>
public sealed partial class ModelTests
{
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
}
