using Spectre.Console;

namespace RepLearn.Cli;

/// <summary>replearn claims [--markdown]: the lectures' claims, as a table or as docs/claims.md.</summary>
internal static class ClaimsCommand
{
    public static Command Create()
    {
        var markdown = new Option<bool>("--markdown") { Description = "print the catalogue as Markdown (the text of docs/claims.md)" };
        var command = new Command("claims", "list the lectures' claims and how each is checked") { markdown };
        command.SetAction(parse =>
        {
            if (parse.GetValue(markdown))
            {
                Console.Write(CatalogDocument.Markdown());
                return 0;
            }
            var table = new Table().AddColumns("id", "lecture", "kind", "claim");
            foreach (var c in Catalog.All)
                table.AddRow(Markup.Escape(c.Id), c.Lecture.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Kind == ClaimKind.Exact ? "exact" : "statistical", Markup.Escape(c.Statement));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
