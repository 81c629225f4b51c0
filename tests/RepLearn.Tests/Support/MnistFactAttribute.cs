using Xunit;

namespace RepLearn.Tests.Support;

/// <summary>
/// Where the shared MNIST-10k folder lives: <c>../shared/data/mnist10k</c> beside the folder that
/// holds RepLearn.Functional.sln (found by walking up from the test binaries).
/// </summary>
public static class MnistPaths
{
    /// <summary>The expected folder, or null when no solution folder was found above the binaries.</summary>
    public static string? Folder { get; } = Locate();

    /// <summary>True when the folder exists (a user's clone has no ../shared).</summary>
    public static bool Available => Folder is not null && Directory.Exists(Folder);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RepLearn.Functional.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "mnist10k"));
        return null;
    }
}

/// <summary>
/// A [Fact] that is skipped, with the path it looked for, when the MNIST-10k folder is absent
/// (xunit 2 has no dynamic skip, so the decision is made when the attribute is constructed).
/// </summary>
public sealed class MnistFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <see cref="MnistPaths.Available"/> is false.</summary>
    public MnistFactAttribute()
    {
        if (!MnistPaths.Available)
            Skip = $"MNIST-10k not found at {MnistPaths.Folder ?? "../shared/data/mnist10k (no RepLearn.Functional.sln above the test binaries)"}";
    }
}
