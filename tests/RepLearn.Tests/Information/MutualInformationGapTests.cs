using RepLearn.Functional.Information;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Information;

/// <summary>MIG on hand-built codes: one factor per dimension gives 1, a duplicated dimension gives 0, bad input is refused.</summary>
public class MutualInformationGapTests
{
    private static readonly int[] A = [0, 1, 0, 1, 0, 1, 0, 1];
    private static readonly int[] B = [0, 0, 1, 1, 0, 0, 1, 1];

    [Fact]
    public void One_factor_per_dimension_scores_one()
    {
        var codes = Tensor.Create(8, 2, (i, j) => j == 0 ? A[i] : B[i]);
        Assert.Equal(1.0, MutualInformationGap.Compute(codes, [A, B]), 12);
    }

    [Fact]
    public void A_factor_copied_into_two_dimensions_has_no_gap()
    {
        var codes = Tensor.Create(8, 2, (i, _) => A[i]);
        Assert.Equal(0.0, MutualInformationGap.Compute(codes, [A]), 12);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var codes = Tensor.Zeros(8, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => MutualInformationGap.Compute(codes, [A], bins: 1));
        Assert.Throws<ArgumentException>(() => MutualInformationGap.Compute(codes, [[0, 1]]));
    }
}
