using System.Text;

namespace RepLearn.Claims;

/// <summary>
/// docs/claims.md, generated from <see cref="Catalog"/>: per lecture, each claim's id, statement, kind and method.
/// A test keeps the committed file equal to this text (<c>replearn claims --markdown</c> rewrites it).
/// </summary>
public static class CatalogDocument
{
    private static readonly string[] Titles = ["", "what a representation is", "autoencoders", "variational autoencoders", "contrastive learning"];

    /// <summary>The catalogue as Markdown.</summary>
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# The lectures' claims, and how each is checked").AppendLine();
        md.AppendLine("Generated from the library's catalogue (`RepLearn.Claims.Catalog`) by `replearn claims --markdown`; a test keeps it in step.");
        md.AppendLine("Each claim is a value with a pure, seeded experiment: `replearn verify` runs them all and writes a report with the measured");
        md.AppendLine("figures, and the property tests in `properties/RepLearn.Properties/Claims/` run the same experiments and properties.");
        md.AppendLine("\"Exact\" means the property holds for every generated input up to a floating-point tolerance; \"statistical\" means a");
        md.AppendLine("fixed-seed experiment with a stated tolerance.");
        foreach (var lecture in Catalog.All.GroupBy(c => c.Lecture).OrderBy(g => g.Key))
        {
            md.AppendLine().AppendLine($"## Lecture {lecture.Key}: {Titles[lecture.Key]}").AppendLine();
            md.AppendLine("| id | claim | kind | how it is checked |");
            md.AppendLine("| --- | --- | --- | --- |");
            foreach (var c in lecture)
                md.AppendLine($"| {c.Id} | {Report.Cell(c.Statement)} | {(c.Kind == ClaimKind.Exact ? "exact" : "statistical")} | {Report.Cell(c.Method)} |");
        }
        return md.ToString();
    }
}
