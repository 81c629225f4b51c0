using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Tests.Packaging;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> the core, the facade and the tool into a folder; a fresh console
/// app adds the RepLearn package from that folder (beside the machine's feeds) and runs the README's quickstart; the
/// replearn tool installs from the folder and lists the claims. Packs with an artifacts folder of its own, and restores
/// into a packages folder of its own, so that neither the solution's obj/bin nor the user's package cache holds a
/// 0.1.0 of these packages afterwards.
/// </summary>
[Collection("Packaging")]
public sealed class PackageInstallTests(ITestOutputHelper output)
{
    private const string Version = "0.1.0";

    [Fact]
    public void Packed_facade_runs_the_quickstart_and_the_packed_tool_lists_the_claims()
    {
        var root = Dotnet.RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("replearn-pack-").FullName;
        try
        {
            var feed = Path.Combine(folder, "feed");
            var artifacts = Path.Combine(folder, "artifacts");
            foreach (var project in new[] { "RepLearn.Functional", "RepLearn", "RepLearn.Cli" })
                Dotnet.MustRun(output, root, null, "pack", Path.Combine("src", project, project + ".csproj"), "--disable-build-servers",
                    "-c", "Release", "-o", feed, "--artifacts-path", artifacts);
            foreach (var package in new[] { "RepLearn.Functional", "RepLearn", "RepLearn.Cli" })
            {
                Assert.True(File.Exists(Path.Combine(feed, $"{package}.{Version}.nupkg")), $"no {package}.{Version}.nupkg");
                Assert.True(File.Exists(Path.Combine(feed, $"{package}.{Version}.snupkg")), $"no {package}.{Version}.snupkg");
            }

            // A fresh console app: the feed folder as a source beside the machine's own (a NuGet.config without <clear/>
            // adds to them), and a packages folder of its own.
            var app = Path.Combine(folder, "app");
            Directory.CreateDirectory(app);
            Dotnet.Isolate(app);
            File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config>
                    <add key="globalPackagesFolder" value="{Path.Combine(folder, "packages")}" />
                  </config>
                  <packageSources>
                    <add key="replearn-local" value="{feed}" />
                  </packageSources>
                </configuration>

                """);
            File.WriteAllText(Path.Combine(app, "App.csproj"), Dotnet.ConsoleProject());
            File.WriteAllText(Path.Combine(app, "Program.cs"), Dotnet.ConsumerProgram(root));
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(folder, "packages") };
            Dotnet.MustRun(output, app, env, "add", "package", "RepLearn", "--version", Version);
            var stdout = Dotnet.MustRun(output, app, env, "run", "--disable-build-servers", "-c", "Release");
            Assert.Contains(Dotnet.ConsumerOutput, stdout);

            var tools = Path.Combine(folder, "tools");
            Dotnet.MustRun(output, app, env, "tool", "install", "--tool-path", tools, "RepLearn.Cli", "--add-source", feed, "--version", Version);
            var (exit, claims, err, elapsed) = Dotnet.RunProgram(Path.Combine(tools, OperatingSystem.IsWindows() ? "replearn.exe" : "replearn"), app, env, "claims");
            output.WriteLine($"replearn claims: exit {exit} after {elapsed.TotalSeconds:F1} s");
            Assert.True(exit == 0, $"replearn claims exited with {exit}:\n{claims}\n{err}");
            Assert.Contains("L3-kl-nonneg", claims);
        }
        finally
        {
            Dotnet.Delete(folder);
        }
    }
}
