using RepLearn.Functional.Models;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>
/// The hooks live in the engine and the float32 extension members take any <see cref="IRepresentationModel"/>, so both
/// work for every kind of the model table, including kinds without a facade class of their own (built by Models.Create).
/// </summary>
public sealed class TableKindHookTests
{
    public static TheoryData<string> TableKinds => [.. Models.Kinds];

    private static IRepresentationModel Build(string kind)
    {
        var k = ModelKinds.Find(kind)!;
        var settings = k.Settings.Where(s => s.Flag is "--latent" or "--hidden")
            .ToDictionary(s => s.Key, s => s.Flag == "--latent" ? $"{Latent}" : $"{Hidden}");
        return Models.Create(kind, Width, settings, seed: 7, trainRows: Train.Length); // tcvae derives its dataset size from it
    }

    [Theory]
    [MemberData(nameof(TableKinds))]
    public void OnEpoch_and_early_stopping_work_for_every_kind_of_the_table(string kind)
    {
        var hooked = Build(kind);
        var seen = new List<int>();
        var report = hooked.Fit(Train, Test, new TrainOptions
        {
            Epochs = 5,
            BatchSize = 32,
            LearningRate = 3e-3,
            EarlyStopping = new EarlyStopping { Metric = EarlyStopping.TrainLossMetric, Patience = null },
            OnEpoch = e =>
            {
                seen.Add(e.Epoch);
                Assert.Equal(kind, e.Model.Kind);
                Assert.Equal(e.Epoch, e.Model.EpochsCompleted);
                Assert.Throws<InvalidOperationException>(() => e.Model.Fit(Train, Options(1)));
                return e.Epoch == 2 ? EpochDecision.Stop : EpochDecision.Continue;
            },
        });
        Assert.Equal([1, 2], seen);
        Assert.False(report.Completed);
        Assert.NotNull(report.BestEpoch);

        var straight = Build(kind);
        straight.Fit(Train, Test, Options(report.BestEpoch!.Value));
        Assert.Equal(Bits(straight.Encode(Test)), Bits(hooked.Encode(Test)));
    }

    [Theory]
    [MemberData(nameof(TableKinds))]
    public void Float32_rows_through_the_interface_give_what_the_widened_rows_give(string kind)
    {
        float[][] train = [.. Train.Select(r => r.Select(v => (float)v).ToArray())];
        float[][] test = [.. Test.Select(r => r.Select(v => (float)v).ToArray())];
        double[][] wideTrain = [.. train.Select(r => r.Select(v => (double)v).ToArray())];
        double[][] wideTest = [.. test.Select(r => r.Select(v => (double)v).ToArray())];
        IRepresentationModel a = Build(kind), b = Build(kind);
        a.Fit(train, test, Options(1));
        b.Fit(wideTrain, wideTest, Options(1));
        Assert.Equal(Bits(b.Encode(wideTest)), Bits(a.Encode(test)));
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => a.Encode((float[][])null!)).ParamName);
    }
}
