using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using Xunit;

namespace RepLearn.Tests.Training;

/// <summary>Bad options and empty data throw before any work, naming the parameter.</summary>
public sealed partial class FitTests
{
    // ---- bad options ----------------------------------------------------------------------------

    [Theory]
    [InlineData(0, 4, 0, "Epochs", "0")]
    [InlineData(-3, 4, 0, "Epochs", "-3")]
    [InlineData(2, 0, 0, "BatchSize", "0")]
    [InlineData(2, -1, 0, "BatchSize", "-1")]
    [InlineData(2, 4, -1, "StartEpoch", "-1")]
    [InlineData(2, 4, 3, "StartEpoch", "3")]
    public void BadOptionsThrowBeforeAnyWorkNamingTheParameter(int epochs, int batchSize, int startEpoch, string name, string value)
    {
        var calls = 0;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Fit(new FitOptions(epochs, batchSize, Key.FromSeed(0), StartEpoch: startEpoch), Data10, (p, b, k) => { calls++; return Mse(p, b, k); }));
        Assert.Equal(name, ex.ParamName);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void EmptyDataThrowsNamingData()
    {
        var ex = Assert.Throws<ArgumentException>(() => Fit(new FitOptions(1, 4, Key.FromSeed(0)), Tensor.Zeros(0, 3)));
        Assert.Equal("data", ex.ParamName);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }
}
