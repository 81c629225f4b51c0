namespace RepLearn.Claims;

/// <summary>The claims of Lecture 4, in the catalogue's order.</summary>
public static class Lecture4
{
    /// <summary>Lecture 4's claims.</summary>
    public static IReadOnlyList<Claim> Claims { get; } =
    [
        L4Cosine.Claim,
        L4InfoNceRange.Claim,
        L4InfoNceBound.Claim,
        L4Temperature.Claim,
        L4Learns.Claim,
    ];
}
