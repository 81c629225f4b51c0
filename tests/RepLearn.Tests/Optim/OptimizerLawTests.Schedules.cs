using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Optim;

/// <summary>Learning-rate schedules: cosine decay, linear warm-up, their join, and how the step count reaches them.</summary>
public sealed partial class OptimizerLawTests
{
    // ---- schedules ----------------------------------------------------------------------------

    [Fact]
    public void CosineDecayValuesAtChosenSteps()
    {
        // lr(t) = init ((1 - alpha) (1 + cos(pi min(t, T) / T)) / 2 + alpha), init = 0.1, T = 100.
        var cosine = Schedules.CosineDecay(0.1, 100);
        Assert.Equal(0.1, cosine(0));                                         // cos 0 = 1: exactly init
        Assert.Equal(0.1 * 0.5 * (1 + Math.Cos(Math.PI / 4)), cosine(25), 15); // 0.085355339...
        Assert.Equal(0.05, cosine(50), 15);                                   // cos(pi / 2) = 6e-17: init / 2
        Assert.Equal(0.0, cosine(100));                                       // cos pi = -1 exactly: 0
        Assert.Equal(0.0, cosine(101));                                       // held at the floor beyond T
        Assert.Equal(0.0, cosine(1_000_000));

        var floored = Schedules.CosineDecay(0.1, 100, alpha: 0.1);
        Assert.Equal(0.1, floored(0), 15);
        Assert.Equal(0.1 * (0.9 * 0.5 + 0.1), floored(50), 15);              // 0.055
        Assert.Equal(0.01, floored(100), 15);                                 // alpha init
        Assert.Equal(0.01, floored(5000), 15);

        // Monotone non-increasing over [0, T].
        for (var t = 1; t <= 100; t++) Assert.True(cosine(t) <= cosine(t - 1), $"t = {t}");
    }

    [Fact]
    public void LinearWarmupIsLinearThenConstant()
    {
        // lr(t) = start + (peak - start) t / W for t < W, then peak. start = 0.01, peak = 0.1, W = 10.
        var warmup = Schedules.LinearWarmup(0.01, 0.1, 10);
        Assert.Equal(0.01, warmup(0));
        Assert.Equal(0.055, warmup(5), 15);
        for (var t = 0; t <= 10; t++) Assert.Equal(0.01 + 0.009 * t, warmup(t), 15);
        Assert.Equal(0.1, warmup(10));
        Assert.Equal(0.1, warmup(11));
        Assert.Equal(0.1, warmup(1_000_000));
    }

    [Fact]
    public void WarmupCosineDecayJoinsTheTwoPieces()
    {
        // Warm-up from 0 to 1 over 10 steps, then cosine from 1 to 0 over the remaining 100.
        var schedule = Schedules.WarmupCosineDecay(1.0, 10, 110);
        Assert.Equal(0.0, schedule(0));
        Assert.Equal(0.5, schedule(5), 15);
        Assert.Equal(1.0, schedule(10));            // the peak, where both pieces meet
        Assert.Equal(0.5, schedule(60), 15);        // half-way through the decay
        Assert.Equal(0.0, schedule(110));
        Assert.Equal(0.0, schedule(10_000));
    }

    [Fact]
    public void ScaleByLearningRateReadsTheScheduleAtTheStepCountFromZero()
    {
        var seen = new List<long>();
        var sgd = Optimizers.Sgd<Tensor>(t => { seen.Add(t); return 0.5 + t; });
        var one = Tensor.RowVector([1.0]);
        var state = sgd.Init(one);
        var updates = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            (var u, state) = sgd.Update(one, state, one);
            updates.Add(u.ToScalar());
        }
        Assert.Equal([0L, 1, 2, 3], seen);
        Assert.Equal([-0.5, -1.5, -2.5, -3.5], updates);
        Assert.Equal(4, Assert.IsType<CountState>(state).Steps);
    }

    [Fact]
    public void ANonFiniteScheduledLearningRateIsAnErrorNamingTheStep()
    {
        var sgd = Optimizers.Sgd<Tensor>(t => t < 2 ? 0.1 : double.NaN);
        var one = Tensor.RowVector([1.0]);
        var state = sgd.Init(one);
        (_, state) = sgd.Update(one, state, one);
        (_, state) = sgd.Update(one, state, one);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.Update(one, state, one));
        Assert.Equal("learningRate", ex.ParamName);
        Assert.Contains("step 2", ex.Message, StringComparison.Ordinal);
    }
}
