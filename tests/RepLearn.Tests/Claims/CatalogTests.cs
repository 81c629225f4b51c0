using RepLearn.Claims;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Claims;

/// <summary>
/// The catalogue is complete and the documents agree with it: the 23 claims of the lectures in order, docs/claims.md equal to
/// the text generated from the library, and every claim id present in a property file and on its lecture's page.
/// </summary>
public sealed class CatalogTests
{
    private static readonly string[] Ids =
    [
        "L1-disentangle-oracle", "L1-tc-independent", "L1-sufficiency-dpi", "L1-sufficiency-probe", "L1-invariance-orbit", "L1-tradeoff",
        "L2-identity", "L2-bottleneck-bound", "L2-reconstruction-invariance", "L2-dae-optimal", "L2-dae-score",
        "L3-kl-nonneg", "L3-kl-closed-form", "L3-kl-additive", "L3-elbo-bound", "L3-reparam-unbiased", "L3-reparam-variance", "L3-rotation",
        "L4-cosine", "L4-infonce-range", "L4-infonce-bound", "L4-temperature", "L4-learns",
    ];

    [Fact]
    public void The_catalogue_holds_the_lectures_23_claims_in_order_each_with_a_statement_and_a_method()
    {
        Assert.Equal(Ids, Catalog.All.Select(c => c.Id));
        Assert.All(Catalog.All, c =>
        {
            Assert.Equal(c.Id[1] - '0', c.Lecture);
            Assert.False(string.IsNullOrWhiteSpace(c.Statement), c.Id);
            Assert.True(c.Method.Length > 40, $"{c.Id}: the method should say how and with what tolerance");
        });
    }

    [Fact]
    public void Docs_claims_md_is_the_catalogue_as_generated()
    {
        var path = Path.Combine(Dotnet.RepositoryRoot(), "docs", "claims.md");
        Assert.True(File.Exists(path), "docs/claims.md is missing: run `dotnet run --project src/RepLearn.Cli -- claims --markdown > docs/claims.md`");
        Assert.True(CatalogDocument.Markdown() == File.ReadAllText(path).ReplaceLineEndings(Environment.NewLine),
            "docs/claims.md differs from the catalogue: run `dotnet run --project src/RepLearn.Cli -- claims --markdown > docs/claims.md`");
    }

    [Fact]
    public void Every_claim_id_is_in_a_property_file_and_on_its_lecture_page()
    {
        var root = Dotnet.RepositoryRoot();
        var properties = string.Concat(Directory.EnumerateFiles(Path.Combine(root, "properties"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var c in Catalog.All)
        {
            Assert.True(properties.Contains(c.Id, StringComparison.Ordinal), $"{c.Id} appears in no file under properties/");
            var page = Directory.EnumerateFiles(Path.Combine(root, "docs"), $"lecture-{c.Lecture}-*.md").Single();
            Assert.True(File.ReadAllText(page).Contains(c.Id, StringComparison.Ordinal), $"{c.Id} is not on {Path.GetFileName(page)}");
        }
    }
}
