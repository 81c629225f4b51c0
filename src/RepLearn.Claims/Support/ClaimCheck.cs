using System.Globalization;

namespace RepLearn.Claims;

/// <summary>A claim's check failed; the message carries the measured figures.</summary>
public sealed class ClaimViolationException(string message) : Exception(message);

/// <summary>
/// Assertions for the claim properties. A failed check throws <see cref="ClaimViolationException"/>
/// with the measured values (round-trip formatted), and FsCheck prints the generated counterexample
/// and the replay seed beside it.
/// </summary>
internal static class ClaimCheck
{
    /// <summary>Throws with <paramref name="message"/> unless <paramref name="ok"/>.</summary>
    public static void That(bool ok, Func<string> message)
    {
        if (!ok) throw new ClaimViolationException(message());
    }

    /// <summary>|actual - expected| &lt;= tolerance (NaN fails).</summary>
    public static void Close(double actual, double expected, double tolerance, string what)
    {
        var diff = Math.Abs(actual - expected);
        That(diff <= tolerance, () =>
            $"{what}: got {Show(actual)}, expected {Show(expected)}, |diff| = {Show(diff)} > tolerance {Show(tolerance)}");
    }

    /// <summary>Round-trip formatting of a double.</summary>
    public static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>[a, b, ...].</summary>
    public static string Show(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(Show)) + "]";

    /// <summary>[[...], [...]].</summary>
    public static string Show(IEnumerable<double[]> rows) => "[" + string.Join(", ", rows.Select(r => Show(r))) + "]";

    /// <summary>[i, j, ...].</summary>
    public static string Show(IEnumerable<int> values) => "[" + string.Join(", ", values) + "]";
}
