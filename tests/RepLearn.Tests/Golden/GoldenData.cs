using System.Globalization;
using System.Text.Json;
using Xunit;

namespace RepLearn.Tests.Golden;

/// <summary>
/// Reads Golden/losses.json, written by make_golden.py (PyTorch 1.13 in float64, cross-checked with
/// mpmath) and copied to the test output directory. The tests never run Python.
/// </summary>
internal static class GoldenData
{
    /// <summary>The tolerance the issue asks for: agreement with PyTorch to 1e-9 relative in float64.</summary>
    public const double RelativeTolerance = 1e-9;

    /// <summary>Where a reference is exactly 0 a relative error is undefined; ours must then be 0 or below this.</summary>
    public const double ZeroFloor = 1e-300;

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "losses.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Section(string section) => Root.GetProperty(section).EnumerateArray();

    /// <summary>The case names of a section, as theory data (each test case is shown by its readable name).</summary>
    public static TheoryData<string> Names(string section)
    {
        var data = new TheoryData<string>();
        foreach (var c in Section(section)) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static JsonElement Case(string section, string name) =>
        Section(section).Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Vector(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    public static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Vector).ToArray();

    public static double[][][] Cube(JsonElement e) => e.EnumerateArray().Select(Matrix).ToArray();

    /// <summary>All numbers of a (nested) array, row-major.</summary>
    public static double[] Flat(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flat).ToArray() : [e.GetDouble()];

    /// <summary>|actual - expected| / |expected|, 0 when equal; for expected = 0 it is 0 when |actual| &lt;= 1e-300, else infinity.</summary>
    public static double RelativeError(double actual, double expected)
    {
        if (actual == expected) return 0;
        if (expected == 0) return Math.Abs(actual) <= ZeroFloor ? 0 : double.PositiveInfinity;
        return Math.Abs(actual - expected) / Math.Abs(expected);
    }

    /// <summary>Asserts ours against the case's reference (torch, or mpmath where torch is inaccurate; see the JSON's note).</summary>
    public static double AssertMatchesReference(JsonElement c, double actual, double tolerance = RelativeTolerance)
    {
        var expected = c.GetProperty("reference").GetDouble();
        var source = c.GetProperty("source").GetString();
        Assert.True(double.IsFinite(actual), $"{Name(c)}: ours is {Show(actual)}, reference ({source}) {Show(expected)}");
        var err = RelativeError(actual, expected);
        Assert.True(err <= tolerance,
            $"{Name(c)}: ours {Show(actual)} vs {source} {Show(expected)}: relative error {Show(err)} > {Show(tolerance)}");
        return err;
    }

    public static string Name(JsonElement c) => c.GetProperty("name").GetString()!;

    public static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
