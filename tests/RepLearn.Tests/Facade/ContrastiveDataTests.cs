using RepLearn;
using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary>
/// Contrastive augmentations follow what the rows are: images only when the caller says so (imageSide), never
/// inferred from a square width; tabular rows keep their scale; one row has no negatives and is refused.
/// </summary>
public class ContrastiveDataTests
{
    private static double[][] Tabular(int rows, int cols) => Enumerable.Range(0, rows)
        .Select(i => Enumerable.Range(0, cols).Select(j => 10.0 * Math.Sin(i * 1.3 + j) - 3).ToArray()).ToArray();

    [Fact]
    public void Tabular_rows_outside_the_unit_interval_train_on_their_own_scale()
    {
        var data = Tabular(48, 16); // 16 = 4^2 columns: still tabular unless imageSide is given
        var model = new ContrastiveEncoder(inputDim: 16, representationDim: 4, projectionDim: 2, hiddenDims: [8], seed: 1);
        Assert.Null(model.ImageSide);
        var report = model.Fit(data, new TrainOptions { Epochs = 2, BatchSize = 16 });
        Assert.True(report.Completed);
        Assert.All(report.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss) && e.TrainLoss > 0));
    }

    [Fact]
    public void Image_rows_must_match_the_side_and_lie_in_the_unit_interval()
    {
        Assert.Equal("imageSide", Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveEncoder(inputDim: 15, imageSide: 4)).ParamName);
        var images = new ContrastiveEncoder(inputDim: 16, representationDim: 4, projectionDim: 2, hiddenDims: [8], seed: 1, imageSide: 4);
        Assert.Equal("train", Assert.Throws<ArgumentException>(() => images.Fit(Tabular(8, 16), new TrainOptions { Epochs = 1, BatchSize = 4 })).ParamName);
    }

    [Fact]
    public void The_image_side_survives_save_and_load()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replearn-side-{Guid.NewGuid():N}.safetensors");
        try
        {
            new ContrastiveEncoder(inputDim: 16, representationDim: 4, projectionDim: 2, hiddenDims: [8], seed: 1, imageSide: 4).Save(path);
            Assert.Equal(4, ContrastiveEncoder.Load(path).ImageSide);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void One_row_has_no_negatives_and_is_refused()
    {
        var model = new ContrastiveEncoder(inputDim: 3, representationDim: 2, projectionDim: 2, hiddenDims: [4]);
        var e = Assert.Throws<ArgumentException>(() => model.Fit([[1.0, 2.0, 3.0]], new TrainOptions { Epochs = 1, BatchSize = 2 }));
        Assert.Equal("train", e.ParamName);
        Assert.Throws<ArgumentException>(() => model.Loss([[1.0, 2.0, 3.0]]));
    }
}
