namespace RepLearn.Claims;

/// <summary>The claims of Lecture 1, in the catalogue's order.</summary>
public static class Lecture1
{
    /// <summary>Lecture 1's claims.</summary>
    public static IReadOnlyList<Claim> Claims { get; } =
        [L1DisentangleOracle.Claim, L1TcIndependent.Claim, L1SufficiencyDpi.Claim, L1SufficiencyProbe.Claim, L1InvarianceOrbit.Claim, L1Tradeoff.Claim];
}
