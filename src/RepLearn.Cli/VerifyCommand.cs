using Spectre.Console;

namespace RepLearn.Cli;

/// <summary>
/// replearn verify [--quick] [--only ID[,ID]] [--out DIR] [--seed N] [--mnist DIR]: runs the claims' experiments, prints a
/// table (claim, method, measured, expected or bound, verdict), writes DIR/report.md and DIR/figures/*.png, and exits 1
/// when any claim fails.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Where a clone of this repository finds the shared MNIST-10k folder by default (beside the clone).</summary>
    public const string DefaultMnist = "../shared/data/mnist10k";

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "smaller experiments: every claim in under a minute on 2 cores" };
        var only = new Option<string?>("--only") { Description = "comma-separated claim ids (see 'replearn claims')" };
        var output = new Option<string>("--out") { Description = "folder for report.md and figures/", DefaultValueFactory = _ => "verify-report" };
        var seed = Flags.Seed();
        var mnist = new Option<string?>("--mnist") { Description = $"MNIST IDX folder for the claims that use it (default {DefaultMnist} when present; else generated data, noted in the report)" };
        var command = new Command("verify", "check the lectures' claims and write a report with figures") { quick, only, output, seed, mnist };
        command.SetAction(parse => Run(parse.GetValue(quick), parse.GetValue(only), parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(mnist)));
        return command;
    }

    private static int Run(bool quick, string? only, string output, long seed, string? mnist) =>
        Execute(Select(only), quick ? Budget.Quick : Budget.Full, output, seed, MnistFolder(mnist));

    /// <summary>Runs <paramref name="claims"/> and writes the report and figures; 0 when all hold, 1 otherwise.</summary>
    internal static int Execute(IReadOnlyList<Claim> claims, Budget budget, string output, long seed, string? mnistFolder)
    {
        var quick = budget == Budget.Quick;
        if (string.IsNullOrWhiteSpace(output)) throw new UsageException("--out needs a folder name, got an empty value");
        if (File.Exists(output)) throw new UsageException($"--out {output} is a file; give a folder");
        Directory.CreateDirectory(output);
        AnsiConsole.MarkupLineInterpolated($"verifying {claims.Count} claim(s), seed {seed}, {(quick ? "quick" : "full")} budget; MNIST: {mnistFolder ?? "not found (generated data instead)"}");
        var done = 0;
        var verdicts = Verification.Run(claims, seed, budget, mnistFolder, new Progress(v =>
            AnsiConsole.MarkupLine($"[[{++done}/{claims.Count}]] {Markup.Escape(v.Claim.Id)} {(v.Holds ? "[green]holds[/]" : "[red]FAILS[/]")} ({v.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s)")));

        var figures = Path.Combine(output, "figures");
        foreach (var f in verdicts.SelectMany(v => v.Result?.Figures ?? [])) ClaimFigures.Save(f, figures);
        var report = Path.Combine(output, "report.md");
        File.WriteAllText(report, Report.Markdown(verdicts, new RunSettings(seed, budget, mnistFolder)));
        Print(verdicts);
        foreach (var v in verdicts.Where(v => !v.Holds))
            Console.Error.WriteLine($"FAILED {v.Claim.Id}: {Cli.OneLine(v.Error ?? v.Result!.Failures)}");
        var figureCount = verdicts.Sum(v => v.Result?.Figures.Count ?? 0);
        AnsiConsole.MarkupLineInterpolated($"{verdicts.Count(v => v.Holds)} of {verdicts.Count} claims hold; report {report}, {figureCount} figure(s) in {figures}");
        return verdicts.All(v => v.Holds) ? 0 : 1;
    }

    private static IReadOnlyList<Claim> Select(string? only)
    {
        if (only is null) return Catalog.All;
        var ids = only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0) throw new UsageException("--only needs claim ids, e.g. L3-kl-nonneg,L4-cosine");
        return [.. ids.Select(id =>
        {
            try { return Catalog.Get(id); }
            catch (ArgumentException e) { throw new UsageException($"--only {id}: {e.Message.Replace(" (Parameter 'id')", "", StringComparison.Ordinal)}"); }
        })];
    }

    private static string? MnistFolder(string? given)
    {
        if (given is not null)
            return Directory.Exists(given) ? given : throw new UsageException($"--mnist {given}: no such folder");
        return Directory.Exists(DefaultMnist) ? DefaultMnist : null;
    }

    private static void Print(IReadOnlyList<Verdict> verdicts)
    {
        var table = new Table().AddColumns("claim", "method", "measured", "value", "expected or bound", "verdict");
        foreach (var v in verdicts)
        {
            var kind = v.Claim.Kind == ClaimKind.Exact ? "exact" : "statistical";
            if (v.Result is null)
            {
                table.AddRow(Markup.Escape(v.Claim.Id), kind, Markup.Escape(v.Error ?? ""), "", "", "[red]FAILS[/]");
                continue;
            }
            var first = true;
            foreach (var m in v.Result.Measurements)
            {
                table.AddRow(first ? Markup.Escape(v.Claim.Id) : "", first ? kind : "", Markup.Escape(m.Name), Format.Number(m.Value), Markup.Escape(m.Expected),
                    m.Holds ? (first ? "[green]holds[/]" : "") : "[red]FAILS[/]");
                first = false;
            }
        }
        AnsiConsole.Write(table);
    }

    private sealed class Progress(Action<Verdict> report) : IProgress<Verdict>
    {
        public void Report(Verdict value) => report(value);
    }
}
