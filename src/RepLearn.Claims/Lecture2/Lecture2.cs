namespace RepLearn.Claims;

/// <summary>The claims of Lecture 2, in the catalogue's order.</summary>
public static class Lecture2
{
    /// <summary>Lecture 2's claims.</summary>
    public static IReadOnlyList<Claim> Claims { get; } =
        [L2Identity.Claim, L2BottleneckBound.Claim, L2ReconstructionInvariance.Claim, L2DaeOptimal.Claim, L2DaeScore.Claim];
}
