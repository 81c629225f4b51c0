using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Cli;

/// <summary>
/// Every numeric flag of `train` crossed with hostile values (zero, negative, overflowing, non-numbers, huge sizes, tiny
/// temperatures): each run either succeeds, stops early saying why, or is refused with one line naming the flag; none
/// prints a stack trace or an "unexpected" exception, and none allocates more than a bounded amount.
/// </summary>
[Collection("Console")]
public sealed class CliGeneratedFlagTests : IDisposable
{
    private static readonly string[] Values =
        ["0", "-1", "-0", "1e309", "NaN", "Infinity", "abc", "", " 5", "0x10", "1,,2", "1e-300", "2147483648", "2147483647", "1000000000", "46341,46341", "100000,100000,100000"];

    /// <summary>(kind, flag): each flag on the model kind that reads it.</summary>
    private static readonly (string Kind, string Flag)[] Flags =
    [
        ("ae", "--epochs"), ("ae", "--batch-size"), ("ae", "--lr"), ("ae", "--latent"), ("ae", "--hidden"), ("vae", "--beta"),
        ("dae", "--sigma"), ("contrastive", "--tau"), ("contrastive", "--batch-size"), ("contrastive", "--augment"), ("ae", "--checkpoint-every"), ("ae", "--seed"),
    ];

    /// <summary>Values that are valid but would only make the run long (a billion epochs), not wrong: left out.</summary>
    private static bool OnlySlow(string flag, string value) =>
        flag == "--epochs" && value is "2147483647" or "1000000000" or " 5";

    public static IEnumerable<object[]> Cases() =>
        from f in Flags from v in Values where !OnlySlow(f.Flag, v) select new object[] { f.Kind, f.Flag, v };

    private readonly TempFolder dir = new();

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_flag_value_is_refused_naming_the_flag_or_runs_safely(string kind, string flag, string value)
    {
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        var before = GC.GetTotalAllocatedBytes(precise: false);
        string[] args =
        [
            "train", kind, "--data", csv, "--epochs", flag == "--epochs" ? value : "1", "--hidden", flag == "--hidden" ? value : "8",
            "--latent", flag == "--latent" ? value : "2", "--out", dir.File("m.safetensors"), "--force",
            .. flag is "--epochs" or "--hidden" or "--latent" ? Array.Empty<string>() : [flag, value],
        ];
        var r = Run(args);
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;

        Assert.DoesNotContain("unexpected", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.True(allocated < 1L << 30, $"{flag} '{value}' allocated {allocated:N0} bytes\n{r}");
        switch (r.ExitCode)
        {
            case 0:
                Assert.Contains("checkpoint", r.Out);
                break;
            case 1:
                Assert.Matches("^(error: |stopped early: )", r.ErrLines[0]);
                break;
            case 2:
                Assert.StartsWith("error:", r.ErrLines[0]);
                Assert.Contains(flag, r.ErrLines[0]);
                break;
            default:
                Assert.Fail($"exit code {r.ExitCode}\n{r}");
                break;
        }
    }

    public void Dispose() => dir.Dispose();
}
