using Microsoft.Extensions.Logging;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>TrainOptions.OnEpoch, EarlyStopping (with keep-best) and Logger.</summary>
public sealed class EpochHookTests
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void The_hook_stops_after_the_epoch_it_chooses_and_the_model_equals_a_run_of_that_length(string kind)
    {
        var seen = new List<int>();
        var hooked = Create(kind);
        var report = hooked.Fit(Train, Test, new TrainOptions { Epochs = 10, BatchSize = 32, LearningRate = 3e-3, OnEpoch = e => { seen.Add(e.Epoch); return e.Epoch == 3 ? EpochDecision.Stop : EpochDecision.Continue; } });
        Assert.Equal([1, 2, 3], seen);
        Assert.Equal(3, report.Epochs.Count);
        Assert.False(report.Completed);
        Assert.Contains("OnEpoch", report.StopReason);
        Assert.Equal(3, hooked.EpochsCompleted);

        var straight = Create(kind);
        straight.Fit(Train, Test, Options(3));
        Assert.Equal(Outputs(straight), Outputs(hooked));

        // Resume equivalence still holds: 3 (stopped by the hook) + 2 more = 5 straight.
        hooked.Fit(Train, Test, Options(2));
        var five = Create(kind);
        five.Fit(Train, Test, Options(5));
        Assert.Equal(Outputs(five), Outputs(hooked));
    }

    [Fact]
    public void The_hook_sees_a_read_only_snapshot_of_the_model_after_each_epoch()
    {
        var codes = new List<long[]>();
        var vae = (Vae)Create("vae");
        vae.Fit(Train, new TrainOptions
        {
            Epochs = 2,
            BatchSize = 32,
            LearningRate = 3e-3,
            OnEpoch = e =>
            {
                codes.Add(Bits(e.Model.Encode(Test[..4])));
                Assert.Equal(e.Epoch, e.Model.EpochsCompleted);
                Assert.Throws<InvalidOperationException>(() => e.Model.Fit(Train, Options(1)));
                return EpochDecision.Continue;
            },
        });
        var one = (Vae)Create("vae");
        one.Fit(Train, Options(1));
        Assert.Equal(Bits(one.Encode(Test[..4])), codes[0]);
        Assert.Equal(Bits(vae.Encode(Test[..4])), codes[1]);
    }

    [Fact]
    public void Early_stopping_ends_a_run_whose_metric_has_plateaued()
    {
        // A learning rate of 1e-12 leaves the test loss where it was (changes far below MinDelta): epoch 1 sets the best,
        // epochs 2 and 3 do not improve on it, so Patience 2 stops after epoch 3.
        var ae = Create("ae");
        var report = ae.Fit(Train, Test, new TrainOptions { Epochs = 20, BatchSize = 32, LearningRate = 1e-12, EarlyStopping = new EarlyStopping { Patience = 2, MinDelta = 1e-3 } });
        Assert.Equal(3, report.Epochs.Count);
        Assert.False(report.Completed);
        Assert.StartsWith("early stopping: test_loss", report.StopReason);
        Assert.Equal(1, report.BestEpoch);
        Assert.True(report.RestoredBest);
        Assert.Equal(1, ae.EpochsCompleted);
    }

    [Fact]
    public void Keep_best_restores_the_best_epoch_bit_for_bit_and_writes_its_checkpoint()
    {
        using var dir = new TempFolder();
        var best = dir.File("best.safetensors");
        // The VAE's KL term grows from about 0 at initialisation as the encoder starts to use its code, so "best by kl" is an
        // early epoch, not the last: a metric whose best epoch is known not to be the last one.
        static TrainOptions Opt(int epochs, EarlyStopping? rule = null) => new() { Epochs = epochs, BatchSize = 32, LearningRate = 3e-3, EarlyStopping = rule };
        var vae = Create("vae");
        var report = vae.Fit(Train, Test, Opt(8, new EarlyStopping { Metric = "kl", Patience = null, BestCheckpointPath = best }));
        Assert.True(report.Completed);
        var bestEpoch = report.BestEpoch!.Value;
        Assert.True(bestEpoch < 8, $"best epoch {bestEpoch}, kl by epoch {string.Join(", ", report.Epochs.Select(e => e.Metrics["kl"]))}: the test needs a run whose last epoch is not its best");
        Assert.Equal(report.Epochs.Min(e => e.Metrics["kl"]), report.Epochs[bestEpoch - 1].Metrics["kl"]);
        Assert.True(report.RestoredBest);
        Assert.Equal(bestEpoch, vae.EpochsCompleted);

        var stoppedThere = Create("vae");
        stoppedThere.Fit(Train, Test, Opt(bestEpoch));
        Assert.Equal(Outputs(stoppedThere), Outputs(vae));
        stoppedThere.Save(dir.File("straight.safetensors"));
        vae.Save(dir.File("restored.safetensors"));
        AssertSameCheckpoint(dir.File("straight.safetensors"), dir.File("restored.safetensors"));
        AssertSameCheckpoint(dir.File("straight.safetensors"), best);
    }

    [Fact]
    public void The_logger_receives_one_line_per_epoch_and_the_default_is_silent()
    {
        var logger = new ListLogger();
        var ae = Create("ae");
        ae.Fit(Train, Test, new TrainOptions { Epochs = 3, BatchSize = 32, LearningRate = 3e-3, Logger = logger });
        var epochs = logger.Lines.Where(l => l.Event.Name == "Epoch").ToList();
        Assert.Equal(3, epochs.Count);
        Assert.All(epochs, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.StartsWith("epoch 1/3: train loss ", epochs[0].Message);
        Assert.Equal(epochs.Count, logger.Lines.Count);
    }

    [Fact]
    public void Bad_early_stopping_options_are_refused_before_training()
    {
        var ae = Create("ae");
        Assert.Throws<ArgumentException>(() => ae.Fit(Train, new TrainOptions { Epochs = 2, BatchSize = 32, LearningRate = 3e-3, EarlyStopping = new EarlyStopping() })); // test_loss, no test data
        Assert.Throws<ArgumentOutOfRangeException>(() => ae.Fit(Train, Test, new TrainOptions { Epochs = 2, BatchSize = 32, LearningRate = 3e-3, EarlyStopping = new EarlyStopping { Patience = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ae.Fit(Train, Test, new TrainOptions { Epochs = 2, BatchSize = 32, LearningRate = 3e-3, EarlyStopping = new EarlyStopping { MinDelta = -1 } }));
        Assert.Equal(0, ae.EpochsCompleted);
        Assert.Throws<ArgumentException>(() => ae.Fit(Train, Test, new TrainOptions { Epochs = 2, BatchSize = 32, LearningRate = 3e-3, EarlyStopping = new EarlyStopping { Metric = "kl" } })); // an AE has no kl
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, EventId Event, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, eventId, formatter(state, exception)));
    }
}
