namespace RepLearn.Claims;

/// <summary>Every claim of the four lectures, in the order of the lectures (the catalogue of docs/claims.md).</summary>
public static class Catalog
{
    /// <summary>All claims, lecture by lecture.</summary>
    public static IReadOnlyList<Claim> All { get; } = [.. Lecture1.Claims, .. Lecture2.Claims, .. Lecture3.Claims, .. Lecture4.Claims];

    /// <summary>The claim with this id (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No claim has that id; the message lists the ids.</exception>
    public static Claim Get(string id) =>
        All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no claim '{id}'; the ids are {string.Join(", ", All.Select(c => c.Id))}", nameof(id));
}
