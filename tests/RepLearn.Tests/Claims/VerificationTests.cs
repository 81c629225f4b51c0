using System.Runtime.CompilerServices;
using FsCheck.Fluent;
using RepLearn.Claims;
using RepLearn.Cli;
using RepLearn.Functional.Keys;
using RepLearn.Tests.Cli;
using RepLearn.Tests.Support;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace RepLearn.Tests.Claims;

/// <summary>
/// The machinery of `replearn verify` on claims made up for the test: a report snapshot, a failing claim that fails the
/// run (exit 1, shown plainly), a throwing experiment that is a failed verdict rather than an abort, a property's
/// counterexample carried into the measurement, and keys that do not depend on which claims are selected.
/// </summary>
[Collection("Console")]
public sealed class VerificationTests
{
    private static readonly Claim Holding = new("T-holds", 1, "2 + 2 = 4", "arithmetic", ClaimKind.Exact,
        cx => ClaimResult.Of(Measure.Near("2 + 2", 2 + 2, 4, 0), Measure.AtMost("a uniform draw", Sample.Uniform(cx.Key, 1, 1)[0, 0], 1)));

    private static readonly Claim Failing = new("T-fails", 2, "pi is 3", "a | measured | pi", ClaimKind.Statistical,
        _ => new ClaimResult([Measure.Near("pi", Math.PI, 3, 0.1), Measure.Reported("e", Math.E)],
            [new FigureData("t-line", "a line", "x", "y", [new Series("y = x", [1, 2, 3], [1, 2, 3])])], "a note about | pipes"));

    private static readonly Claim Throwing = new("T-throws", 3, "never runs", "throws", ClaimKind.Statistical,
        _ => throw new InvalidOperationException("the experiment broke"));

    [Fact]
    public void Report_format()
    {
        var verdicts = Verification.Run([Holding, Failing, Throwing], seed: 1, Budget.Quick, mnistFolder: null);
        Snapshot.Match(Report.Markdown(verdicts, new RunSettings(1, Budget.Quick, null)).Split('\n'),
            new SnapshotFullName($"{nameof(VerificationTests)}.{nameof(Report_format)}.snap", SourceFolder()));
    }

    [Fact]
    public void A_throwing_experiment_is_a_failed_verdict_and_the_run_goes_on()
    {
        var verdicts = Verification.Run([Throwing, Holding], seed: 1, Budget.Quick, mnistFolder: null);
        Assert.False(verdicts[0].Holds);
        Assert.Equal("InvalidOperationException: the experiment broke", verdicts[0].Error);
        Assert.True(verdicts[1].Holds);
    }

    [Fact]
    public void A_claims_key_depends_on_the_seed_and_its_id_only()
    {
        Assert.Equal(Verification.KeyFor(Holding, 1), Verification.KeyFor(Holding, 1));
        Assert.NotEqual(Verification.KeyFor(Holding, 1), Verification.KeyFor(Holding, 2));
        Assert.NotEqual(Verification.KeyFor(Holding, 1), Verification.KeyFor(Failing, 1));
        var alone = Verification.Run([Holding], 7, Budget.Quick, null)[0].Result!;
        var second = Verification.Run([Failing, Holding], 7, Budget.Quick, null)[1].Result!;
        Assert.Equal(alone.Measurements, second.Measurements);
    }

    [Fact]
    public void A_violated_property_is_a_failed_measurement_with_its_counterexample()
    {
        var property = Prop.ForAll(Gen.Choose(0, 1000).ToArbitrary(), n => ClaimCheck.That(n < 500, () => $"n = {n} is not below 500"));
        var m = PropertyRun.Cases("numbers not below 500", property, Key.FromSeed(3), 200);
        Assert.False(m.Holds);
        Assert.Contains("counterexample", m.Name);
        Assert.Contains("500", m.Name);
        Assert.True(PropertyRun.Cases("numbers below 1001", Prop.ForAll(Gen.Choose(0, 1000).ToArbitrary(), n => n <= 1000), Key.FromSeed(3), 200).Holds);
    }

    [Fact]
    public void Verify_exits_1_on_a_failing_claim_writes_the_report_and_the_figures_and_names_the_failure()
    {
        using var dir = new TempFolder();
        var failed = CliHarness.Capture(() => VerifyCommand.Execute([Holding, Failing], Budget.Quick, dir.Path, seed: 1, mnistFolder: null));
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("FAILED T-fails: pi = 3.1416, expected 3 +- 0.1", failed.Err);
        Assert.Contains("1 of 2 claims hold", failed.Out);
        Assert.Contains("**1 of 2 claims hold.**", File.ReadAllText(Path.Combine(dir.Path, "report.md")));
        Assert.True(new FileInfo(Path.Combine(dir.Path, "figures", "t-line.png")).Length > 1000);
        Assert.Equal(0, CliHarness.Capture(() => VerifyCommand.Execute([Holding], Budget.Quick, dir.Path, seed: 1, mnistFolder: null)).ExitCode);
    }

    [Fact]
    public void Verify_refuses_an_unknown_claim_id_naming_the_flag()
    {
        var r = CliHarness.Run("verify", "--only", "L9-nonsense");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--only L9-nonsense: no claim 'L9-nonsense'; the ids are", r.ErrLines[0]);
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
