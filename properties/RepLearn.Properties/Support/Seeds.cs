namespace RepLearn.Properties.Support;

/// <summary>
/// Fixed FsCheck seeds, so every run generates the same cases. FsCheck prints the seed of a
/// failing run as "(seed,gamma)"; paste it into <c>Replay</c> to reproduce one case.
/// </summary>
public static class Seeds
{
    /// <summary>The seed used by every property class in this project.</summary>
    public const string Replay = "(20240611,1442695040888963407)";

    /// <summary>Tests per property.</summary>
    public const int MaxTest = 100;
}
