using System.Globalization;

namespace RepLearn.Lectures;

/// <summary>
/// The plumbing of the lecture programs: sections, checks of the library's number against one computed by hand (each
/// printed as [ok] or [FAIL]), figures, and the exit code (1 when any check failed).
/// </summary>
public static class Lecture
{
    private static int checks, failures;
    private static string folder = "";

    /// <summary>The figure folder: the first argument, else lecture-figures/ under the current directory.</summary>
    public static string Folder(string[] args)
    {
        folder = Path.GetFullPath(args.Length > 0 ? args[0] : "lecture-figures");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"## {title}");
    }

    public static void Say(string text) => Console.WriteLine($"   {text}");

    /// <summary>A check: the library's number beside the one computed by hand, at most <paramref name="tolerance"/> apart.</summary>
    public static void Close(string what, double library, double byHand, double tolerance)
    {
        var diff = Math.Abs(library - byHand);
        Record(diff <= tolerance, $"{what}: library {F(library)}, by hand {F(byHand)}, |diff| {diff:0.0e+0} <= {tolerance:0.0e+0}");
    }

    public static void Holds(string what, bool ok) => Record(ok, what);

    private static void Record(bool ok, string text)
    {
        checks++;
        if (!ok) failures++;
        Console.WriteLine($"   [{(ok ? "ok" : "FAIL")}] {text}");
    }

    public static string F(double v) => v.ToString("G7", CultureInfo.InvariantCulture);

    public static void Save(ScottPlot.Plot plot, string name, int width = 800, int height = 500)
    {
        var path = Path.Combine(folder, name);
        plot.SavePng(path, width, height);
        Holds($"figure written: {path}", new FileInfo(path) is { Exists: true, Length: > 0 });
    }

    /// <summary>Prints the tally; the exit code is 1 when a check failed.</summary>
    public static int Finish()
    {
        Console.WriteLine();
        Console.WriteLine(failures == 0 ? $"All {checks} checks passed." : $"{failures} of {checks} checks FAILED.");
        return failures == 0 ? 0 : 1;
    }
}
