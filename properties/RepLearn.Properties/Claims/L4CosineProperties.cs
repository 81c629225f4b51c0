using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L4-cosine</b>: the library's properties (<see cref="L4Cosine"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L4CosineProperties
{
    [Property(Replay = "(3141592653,2718281829)", MaxTest = 1000)]
    public Property SimilarityIsInUnitInterval() => L4Cosine.SimilarityIsInUnitInterval();

    [Property(Replay = "(1618033989,1414213563)", MaxTest = 1000)]
    public Property SimilarityIsSymmetric() => L4Cosine.SimilarityIsSymmetric();

    [Property(Replay = "(2236067977,1732050807)", MaxTest = 1000)]
    public Property SimilarityFlipsSignUnderNegation() => L4Cosine.SimilarityFlipsSignUnderNegation();

    [Property(Replay = "(2654435761,2246822507)", MaxTest = 1000)]
    public Property SimilarityIsInvariantToPositiveScaling() => L4Cosine.SimilarityIsInvariantToPositiveScaling();

    [Property(Replay = "(1234567891,3935559001)", MaxTest = 500)]
    public Property ZeroVectorGivesZeroAndFiniteGradient() => L4Cosine.ZeroVectorGivesZeroAndFiniteGradient();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L4Cosine.Claim, Budget.Quick);
}
