using Xunit;

namespace RepLearn.Tests.Float32;

/// <summary>
/// Every model kind of the table trains in float32 through the facade (as the CLI's --dtype float32 builds it): finite
/// losses, a test loss that improves, and a float32 run that follows the float64 one from the same initial draw.
/// </summary>
public sealed class Float32ModelKindTests
{
    /// <summary>96 rows of 16 values in [0, 1] (a 4 x 4 image side for the contrastive views), two factors per row.</summary>
    private static readonly double[][] Rows = Enumerable.Range(0, 96)
        .Select(i => Enumerable.Range(0, 16).Select(j => 1 / (1 + Math.Exp(-3 * (Math.Sin(i * 0.37) * Math.Cos(j) + Math.Cos(i * 0.91) * Math.Sin(j))))).ToArray())
        .ToArray();

    public static TheoryData<string> Kinds => [.. Models.Kinds];

    private static TrainReport Fit(string kind, DType dtype)
    {
        var settings = new Dictionary<string, string> { ["latent_dim"] = "2", ["hidden_dims"] = "8" };
        var model = Models.Create(kind, 16, settings.Where(s => Functional.Models.ModelKinds.Find(kind)!.Settings.Any(k => k.Key == s.Key))
            .ToDictionary(), seed: 2, imageSide: 4, trainRows: Rows.Length, dtype: dtype);
        return model.Fit(Rows, Rows, new TrainOptions { Epochs = 4, BatchSize = 32 });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_trains_in_float32(string kind)
    {
        var single = Fit(kind, DType.Float32);
        Assert.True(single.Completed, kind);
        Assert.All(single.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss) && double.IsFinite(e.TestLoss!.Value), $"{kind}: epoch {e.Epoch} {e.TrainLoss} {e.TestLoss}"));
        Assert.True(single.Epochs[^1].TestLoss < single.Epochs[0].TestLoss, $"{kind}: test loss {single.Epochs[0].TestLoss} -> {single.Epochs[^1].TestLoss}");
        // Same draw, batches and noise; float32 rounding makes the runs drift apart slowly: within 2% after 4 epochs.
        var wide = Fit(kind, DType.Float64).Epochs[^1].TestLoss!.Value;
        Assert.True(Math.Abs(single.Epochs[^1].TestLoss!.Value - wide) <= 0.02 * Math.Abs(wide), $"{kind}: float32 {single.Epochs[^1].TestLoss}, float64 {wide}");
    }
}
