using System.Diagnostics;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>
/// The CLI as a separate process, killed while it trains and saves (issue 11): at any moment the checkpoint is either
/// absent or a whole, loadable model of some completed epoch; the metrics file never runs more than one epoch ahead of it;
/// and --resume from whatever is left ends bit for bit equal to a run that was never interrupted.
/// </summary>
public sealed class CliKillTests
{
    private const int Epochs = 300; // about 5 ms an epoch with its save: one or two seconds a run

    private static readonly string[] Model = ["train", "ae", "--hidden", "8", "--latent", "2", "--epochs", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    [Fact]
    public void Kill9_at_any_time_loses_at_most_the_current_epoch_and_resume_equals_a_straight_run()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 64);
        var straight = dir.File("straight.safetensors");
        Assert.Equal(0, Cli(dir, [.. Model, "--data", csv, "--out", straight, "--metrics", dir.File("straight.jsonl")]).WaitForExitCode());

        var output = dir.File("k.safetensors");
        var metrics = dir.File("k.jsonl");
        var killedMidRun = 0;
        // One kill during start-up, then kills timed by progress rather than the clock (a loaded machine starts slowly):
        // each waits until the run has completed an epoch past what the file held, then a few milliseconds more, so
        // kills land in training steps and in saves alike.
        foreach (var extraMs in new[] { -1, 0, 3, 11 })
        {
            var resume = File.Exists(output) ? new[] { "--resume", output, "--force" } : ["--force"];
            var linesBefore = File.Exists(metrics) ? File.ReadAllLines(metrics).Length : 0;
            using var run = Cli(dir, [.. Model, "--data", csv, "--out", output, "--metrics", metrics, .. resume]);
            if (extraMs < 0) Thread.Sleep(150);
            else
            {
                var waited = Stopwatch.StartNew();
                while (!run.HasExited && LineCount(metrics) <= linesBefore + 1 && waited.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(2);
                Thread.Sleep(extraMs);
            }
            if (run.HasExited) break;
            run.Kill();
            run.WaitForExit();
            if (!File.Exists(output)) continue;
            var epochs = Models.Load(output).EpochsCompleted; // whole and loadable, whenever the kill came
            Assert.InRange(epochs, 1, Epochs);
            if (epochs < Epochs) killedMidRun++;
            var lines = File.ReadAllLines(metrics).Where(l => l.Length > 0).ToArray();
            Assert.InRange(lines.Length, epochs, epochs + 1); // at most the epoch being saved when killed
        }
        Assert.True(killedMidRun >= 3, $"only {killedMidRun} kills landed while training");
        var final = File.Exists(output) ? new[] { "--resume", output, "--force" } : ["--force"];
        if (!File.Exists(output) || Models.Load(output).EpochsCompleted < Epochs)
            Assert.Equal(0, Cli(dir, [.. Model, "--data", csv, "--out", output, "--metrics", metrics, .. final]).WaitForExitCode());
        Assert.Equal(File.ReadAllBytes(straight), File.ReadAllBytes(output));
        Assert.Equal(Losses(dir.File("straight.jsonl")), Losses(metrics));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Sigterm_saves_the_last_completed_epoch_and_says_so()
    {
        if (OperatingSystem.IsWindows()) return; // no SIGTERM to send
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 64);
        var output = dir.File("t.safetensors");
        using var run = Cli(dir, [.. Model, "--data", csv, "--out", output]);
        var waited = Stopwatch.StartNew();
        while (!File.Exists(output) && waited.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(20);
        Assert.True(File.Exists(output), "no checkpoint within 60 s");
        using (var kill = Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        var stderr = run.StandardError.ReadToEnd();
        Assert.True(run.WaitForExitCode() == 1, stderr);
        Assert.Contains("stopped early: cancelled", stderr);
        var epochs = Models.Load(output).EpochsCompleted;
        Assert.InRange(epochs, 1, Epochs - 1);
        Assert.Contains($"holds the state after epoch {epochs}", stderr);
    }

    private static int LineCount(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path).Length : 0;
        }
        catch (IOException)
        {
            return 0; // being rewritten by the resumed run
        }
    }

    private static string[] Losses(string metrics) =>
        [.. File.ReadAllLines(metrics).Where(l => l.Length > 0).Select(l => l[..l.IndexOf(",\"seconds\"", StringComparison.Ordinal)])];

    /// <summary>Starts replearn (the CLI built beside the tests) in <paramref name="dir"/>, output captured.</summary>
    private static Process Cli(TempFolder dir, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RepLearn.Cli.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }
}

internal static class ProcessExtensions
{
    /// <summary>Waits (at most 2 minutes) and returns the exit code.</summary>
    public static int WaitForExitCode(this Process p)
    {
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill();
            throw new TimeoutException("the CLI did not finish within 2 minutes");
        }
        return p.ExitCode;
    }
}
