namespace RepLearn.Claims;

/// <summary>The claims of Lecture 3, in the catalogue's order.</summary>
public static class Lecture3
{
    /// <summary>Lecture 3's claims.</summary>
    public static IReadOnlyList<Claim> Claims { get; } =
    [
        L3KlNonNeg.Claim,
        L3KlClosedForm.Claim,
        L3KlAdditive.Claim,
        L3ElboBound.Claim,
        L3ReparamUnbiased.Claim,
        L3ReparamVariance.Claim,
        L3Rotation.Claim,
    ];
}
