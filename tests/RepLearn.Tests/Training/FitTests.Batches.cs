using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using Xunit;

namespace RepLearn.Tests.Training;

/// <summary>Batches: the last partial batch is used, every sample is seen once per epoch, a batch may exceed the data.</summary>
public sealed partial class FitTests
{
    // ---- batches ------------------------------------------------------------------------------

    [Fact]
    public void TheLastPartialBatchIsUsedAndEverySampleOncePerEpoch()
    {
        // Column 0 of the data is the row's id; the loss records which rows each batch holds.
        var data = Tensor.Create(10, 3, (r, c) => c == 0 ? r : c == 1 ? 0.1 * r : 1.0);
        var batches = new List<int[]>();
        LossOutput Recording(Dense p, Tensor batch, Key key)
        {
            batches.Add(Enumerable.Range(0, batch.Rows).Select(r => (int)batch[r, 0]).ToArray());
            return Mse(p, batch, key);
        }
        var result = Fit(new FitOptions(2, 4, Key.FromSeed(4)), data, Recording);
        Assert.Equal(FitStop.Completed, result.Stop);
        Assert.Equal([4, 4, 2, 4, 4, 2], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10), batches.Take(3).SelectMany(b => b).Order());
        Assert.Equal(Enumerable.Range(0, 10), batches.Skip(3).SelectMany(b => b).Order());
        // The two epochs are shuffled differently.
        Assert.NotEqual(batches.Take(3).SelectMany(b => b), batches.Skip(3).SelectMany(b => b));
    }

    [Fact]
    public void ABatchLargerThanTheDataIsOneStepPerEpoch()
    {
        var sizes = new List<int>();
        var result = Fit(new FitOptions(2, 32, Key.FromSeed(4)), Data10, (p, b, k) => { sizes.Add(b.Rows); return Mse(p, b, k); });
        Assert.Equal([10, 10], sizes);
        Assert.Equal(2, result.History.Count);
    }
}
