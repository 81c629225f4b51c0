using RepLearn.Functional.Evaluation;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Information;

/// <summary>z-scoring for probes: unit variance where the training data varies, centring only where it is constant.</summary>
public class StandardizerTests
{
    [Fact]
    public void A_feature_constant_in_training_is_centred_not_blown_up()
    {
        var train = Tensor.FromRows([[0.0, 1.0], [0.0, 3.0], [0.0, 5.0]]);
        var s = Standardizer.Fit(train);
        var test = s.Apply(Tensor.FromRows([[0.7, 3.0]]));
        Assert.Equal(0.7, test[0, 0], 15);                 // constant column: x - 0, unscaled
        Assert.Equal(0.0, test[0, 1], 15);                 // the varying column's mean maps to 0
        var scaled = s.Apply(train);
        Assert.Equal(1.0, Enumerable.Range(0, 3).Average(i => scaled[i, 1] * scaled[i, 1]), 12); // unit variance
    }
}
