using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Tests.Packaging;

/// <summary>
/// A consumer of the facade (a console project with a ProjectReference to src/RepLearn) compiles the README's quickstart
/// and plain LINQ over arrays: no third-party extension method (LanguageExt's Zip gave (First, Second) pairs) reaches it.
/// Built with an artifacts folder of its own, so the solution's obj/ and bin/ are never touched.
/// </summary>
[Collection("Packaging")]
public sealed class ConsumerCompileTests(ITestOutputHelper output)
{
    [Fact]
    public void A_project_referencing_the_facade_compiles_the_quickstart_and_plain_linq()
    {
        var root = Dotnet.RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("replearn-consumer-").FullName;
        try
        {
            var project = Path.Combine(folder, "consumer");
            Directory.CreateDirectory(project);
            Dotnet.Isolate(project);
            var facade = Path.Combine(root, "src", "RepLearn", "RepLearn.csproj");
            File.WriteAllText(Path.Combine(project, "Consumer.csproj"),
                Dotnet.ConsoleProject($"  <ItemGroup>\n    <ProjectReference Include=\"{facade}\" />\n  </ItemGroup>"));
            File.WriteAllText(Path.Combine(project, "Program.cs"), Dotnet.ConsumerProgram(root));
            Dotnet.MustRun(output, project, null, "build", "--disable-build-servers", "-c", "Release",
                "--artifacts-path", Path.Combine(folder, "artifacts"));
        }
        finally
        {
            Dotnet.Delete(folder);
        }
    }
}
