using System.Text;

namespace RepLearn.Claims;

/// <summary>How a verification run was made, for the report's header.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Budget">Quick or full.</param>
/// <param name="MnistFolder">The MNIST folder used, or null when the claims that use it fell back to generated data.</param>
/// <param name="FigureFolder">Where figures were written, relative to the report (e.g. "figures"), or null for none.</param>
public sealed record RunSettings(long Seed, Budget Budget, string? MnistFolder, string? FigureFolder = "figures");

/// <summary>
/// The verification report as Markdown: a header with the settings, one table row per measurement (claim, lecture, kind,
/// measured, expected or bound, verdict), the failures spelled out, each claim's note, and the figures. It holds no
/// timings, so the same run gives the same report byte for byte.
/// </summary>
public static class Report
{
    /// <summary>The report of <paramref name="verdicts"/>.</summary>
    public static string Markdown(IReadOnlyList<Verdict> verdicts, RunSettings settings)
    {
        var md = new StringBuilder();
        var holding = verdicts.Count(v => v.Holds);
        md.AppendLine("# Verification of the lectures' claims").AppendLine();
        md.AppendLine($"Seed {settings.Seed}, {(settings.Budget == Budget.Quick ? "quick" : "full")} budget; "
            + (settings.MnistFolder is null ? "MNIST not found: the claims that use it ran on generated data (see their notes)." : "MNIST from the folder given to verify."));
        md.AppendLine().AppendLine($"**{holding} of {verdicts.Count} claims hold.**").AppendLine();
        md.AppendLine("| claim | lecture | method | measured | value | expected or bound | verdict |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var v in verdicts)
        {
            var kind = v.Claim.Kind == ClaimKind.Exact ? "exact" : "statistical";
            var verdict = v.Holds ? "holds" : "**FAILS**";
            if (v.Result is null)
            {
                md.AppendLine($"| {v.Claim.Id} | {v.Claim.Lecture} | {kind} | experiment failed to run | | | {verdict} |");
                continue;
            }
            var first = true;
            foreach (var m in v.Result.Measurements)
            {
                md.AppendLine(first
                    ? $"| {v.Claim.Id} | {v.Claim.Lecture} | {kind} | {Cell(m.Name)} | {Format.Number(m.Value)} | {Cell(m.Expected)} | {(m.Holds ? verdict : "**FAILS**")} |"
                    : $"| | | | {Cell(m.Name)} | {Format.Number(m.Value)} | {Cell(m.Expected)} | {(m.Holds ? "" : "**FAILS**")} |");
                first = false;
            }
        }
        var failed = verdicts.Where(v => !v.Holds).ToList();
        if (failed.Count > 0)
        {
            md.AppendLine().AppendLine("## Failures").AppendLine();
            foreach (var v in failed) md.AppendLine($"- **{v.Claim.Id}**: {v.Error ?? v.Result!.Failures}");
        }
        var notes = verdicts.Where(v => v.Result?.Note is not null).ToList();
        if (notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var v in notes) md.AppendLine($"- **{v.Claim.Id}**: {v.Result!.Note}");
        }
        var figures = verdicts.SelectMany(v => (v.Result?.Figures ?? []).Select(f => (v.Claim, Figure: f))).ToList();
        if (settings.FigureFolder is not null && figures.Count > 0)
        {
            md.AppendLine().AppendLine("## Figures").AppendLine();
            foreach (var (claim, f) in figures)
                md.AppendLine($"**{claim.Id}**: {f.Title}").AppendLine().AppendLine($"![{f.Title}]({settings.FigureFolder}/{f.FileName}.png)").AppendLine();
        }
        return md.ToString();
    }

    /// <summary>Text safe inside a Markdown table cell.</summary>
    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
