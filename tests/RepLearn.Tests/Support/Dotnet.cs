using System.Diagnostics;
using System.Text;
using Xunit;

namespace RepLearn.Tests.Support;

/// <summary>The dotnet CLI as a subprocess (for the packaging and lecture-program tests), the repository's root and README quickstart, and temp folders.</summary>
internal static class Dotnet
{
    /// <summary>How long one dotnet command may take before its process tree is killed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The line that fails to compile when LanguageExt's extension methods reach a consumer (its Zip gives (First, Second)).</summary>
    public const string LinqLine =
        "double[][] a = [[1.0, 2.0]], b = [[1.0, 2.0]];\nbool same = a.Zip(b).All(p => p.First.SequenceEqual(p.Second));";

    /// <summary>Runs dotnet with the arguments in <paramref name="folder"/>; the whole process tree is killed after <see cref="Timeout"/>.</summary>
    public static (int ExitCode, string Out, string Err, TimeSpan Elapsed) Run(string folder, IReadOnlyDictionary<string, string>? env, params string[] args) =>
        RunProgram("dotnet", folder, env, args);

    /// <summary>Runs <paramref name="program"/> as <see cref="Run"/> runs dotnet.</summary>
    public static (int ExitCode, string Out, string Err, TimeSpan Elapsed) RunProgram(string program, string folder, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        // The test host runs under dotnet test, whose MSBuild variables would steer the inner build: drop them.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
            info.Environment.Remove(name);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var (stdout, stderr) = (new StringBuilder(), new StringBuilder());
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {Timeout.TotalMinutes} minutes:\n{stdout}\n{stderr}");
        }
        process.WaitForExit(); // drains the redirected streams
        lock (stdout) lock (stderr) return (process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed);
    }

    /// <summary>Runs and asserts exit 0, writing the command, its time and its output to the test's log.</summary>
    public static string MustRun(Xunit.Abstractions.ITestOutputHelper output, string folder, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var (exit, stdout, stderr, elapsed) = Run(folder, env, args);
        output.WriteLine($"dotnet {string.Join(' ', args)}: exit {exit} after {elapsed.TotalSeconds:F1} s");
        Assert.True(exit == 0, $"dotnet {string.Join(' ', args)} exited with {exit}:\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>The repository root (the folder of RepLearn.Functional.sln above the test binaries).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RepLearn.Functional.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("RepLearn.Functional.sln not found above the test binaries");
    }

    /// <summary>The C# lines of the README between its quickstart markers (without the code fence).</summary>
    public static string Quickstart(string root)
    {
        var text = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = text.IndexOf("<!-- quickstart:start -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- quickstart:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no quickstart markers");
        return string.Join('\n', text[start..end].Split('\n').Where(l => !l.TrimStart().StartsWith("```") && !l.Contains("quickstart:")));
    }

    /// <summary>
    /// Empty Directory.Build.props/targets and Directory.Packages.props in a consumer's folder, so that nothing above the
    /// temp folder (a stray file in /tmp) steers its build.
    /// </summary>
    public static void Isolate(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />\n");
    }

    /// <summary>A console project's file, with optional extra items.</summary>
    public static string ConsoleProject(string items = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
        {items}
        </Project>

        """;

    /// <summary>A consumer's Program.cs: the README's quickstart, the LINQ line, and a line of output to check.</summary>
    public static string ConsumerProgram(string root) =>
        Quickstart(root) + "\n" + LinqLine + "\n" +
        "Console.WriteLine($\"quickstart: z {z.Length}x{z[0].Length}, same {same}, finite {double.IsFinite(nelbo) && double.IsFinite(kl + bnll + cos + nce) && report.Epochs.Count == 2}\");\n";

    /// <summary>What <see cref="ConsumerProgram"/> prints when the quickstart ran.</summary>
    public const string ConsumerOutput = "quickstart: z 128x8, same True, finite True";

    /// <summary>Deletes a temp folder, best effort.</summary>
    public static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
