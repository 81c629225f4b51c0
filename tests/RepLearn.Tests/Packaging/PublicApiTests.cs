using System.Runtime.CompilerServices;
using PublicApiGenerator;
using RepLearn.Functional.Tensors;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace RepLearn.Tests.Packaging;

/// <summary>
/// The public API of the two library packages, as PublicApiGenerator prints it: a change to it shows as a snapshot diff
/// (update the snapshot, in __snapshots__, when the change is meant). No LanguageExt type may appear in it.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Core_public_api() => Check(typeof(Tensor).Assembly, nameof(Core_public_api));

    [Fact]
    public void Facade_public_api() => Check(typeof(Vae).Assembly, nameof(Facade_public_api));

    private static void Check(System.Reflection.Assembly assembly, string name)
    {
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute"] });
        Assert.DoesNotContain("LanguageExt", api);
        Snapshot.Match(api.ReplaceLineEndings("\n").Split('\n'), new SnapshotFullName($"{nameof(PublicApiTests)}.{name}.snap", SourceFolder()));
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
