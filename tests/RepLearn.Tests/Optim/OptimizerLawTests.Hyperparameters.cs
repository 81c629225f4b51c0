using System.Globalization;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Optim;

/// <summary>Bad hyperparameters of optimizers, transformations and schedules throw naming the parameter and the value.</summary>
public sealed partial class OptimizerLawTests
{
    // ---- bad hyperparameters ------------------------------------------------------------------

    public static TheoryData<string> BadHyperparameters =>
    [
        "sgd lr 0", "sgd lr -0.5", "sgd lr NaN", "momentum lr 0", "adam lr NaN", "adam lr Infinity", "adamw lr -1",
        "adam b1 1", "adam b1 -0.1", "adam b2 -0.1", "adam b2 1", "adam eps 0", "adam eps -1E-08", "adam eps NaN",
        "adamw weightDecay -0.0001", "adamw weightDecay NaN", "clip maxNorm 0", "clip maxNorm -1", "clip maxNorm NaN",
        "momentum momentum 1", "momentum momentum -0.5", "trace decay 1",
        "cosine init 0", "cosine decaySteps 0", "cosine alpha 1.5", "warmup start -1", "warmup peak 0", "warmup warmupSteps 0",
        "warmupcosine peak NaN", "warmupcosine warmupSteps 0",
    ];

    [Theory]
    [MemberData(nameof(BadHyperparameters))]
    public void BadHyperparametersThrowNamingTheParameterAndValue(string @case)
    {
        var parts = @case.Split(' ');
        var (what, parameter, valueText) = (parts[0], parts[1], parts[2]);
        var value = double.Parse(valueText, CultureInfo.InvariantCulture);
        Action make = (what, parameter) switch
        {
            ("sgd", "lr") => () => Optimizers.Sgd<Tensor>(value),
            ("momentum", "lr") => () => Optimizers.Momentum<Tensor>(value),
            ("adam", "lr") => () => Optimizers.Adam<Tensor>(value),
            ("adamw", "lr") => () => Optimizers.AdamW<Tensor>(value),
            ("adam", "b1") => () => Optimizers.Adam<Tensor>(1e-3, b1: value),
            ("adam", "b2") => () => Optimizers.Adam<Tensor>(1e-3, b2: value),
            ("adam", "eps") => () => Optimizers.Adam<Tensor>(1e-3, eps: value),
            ("adamw", "weightDecay") => () => Optimizers.AdamW<Tensor>(1e-3, weightDecay: value),
            ("clip", "maxNorm") => () => Transforms.ClipByGlobalNorm<Tensor>(value),
            ("momentum", "momentum") => () => Optimizers.Momentum<Tensor>(0.1, momentum: value),
            ("trace", "decay") => () => Transforms.Trace<Tensor>(value),
            ("cosine", "init") => () => Schedules.CosineDecay(value, 100),
            ("cosine", "decaySteps") => () => Schedules.CosineDecay(0.1, (long)value),
            ("cosine", "alpha") => () => Schedules.CosineDecay(0.1, 100, value),
            ("warmup", "start") => () => Schedules.LinearWarmup(value, 0.1, 10),
            ("warmup", "peak") => () => Schedules.LinearWarmup(0, value, 10),
            ("warmup", "warmupSteps") => () => Schedules.LinearWarmup(0, 0.1, (long)value),
            ("warmupcosine", "peak") => () => Schedules.WarmupCosineDecay(value, 10, 100),
            ("warmupcosine", "warmupSteps") => () => Schedules.WarmupCosineDecay(0.1, (long)value, 100),
            _ => throw new ArgumentException(@case, nameof(@case)),
        };
        var expectedName = parameter == "lr" ? "learningRate" : parameter;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(make);
        Assert.Equal(expectedName, ex.ParamName);
        // The message's own text (before .NET appends "Actual value was ...") carries the name and the value.
        var ownText = ex.Message.Split(" (Parameter")[0];
        Assert.Contains(expectedName, ownText, StringComparison.Ordinal);
        Assert.Contains(valueText, ownText, StringComparison.Ordinal);
        Assert.Equal(valueText, Convert.ToString(ex.ActualValue, CultureInfo.InvariantCulture));
    }
}
