namespace RepLearn.Claims;

/// <summary>Builders for the usual kinds of <see cref="Measurement"/>; each writes its expectation the same way in every report.</summary>
public static class Measure
{
    /// <summary>value &lt;= bound.</summary>
    public static Measurement AtMost(string name, double value, double bound) => new(name, value, $"<= {Format.Number(bound)}", value <= bound);

    /// <summary>value &gt;= bound.</summary>
    public static Measurement AtLeast(string name, double value, double bound) => new(name, value, $">= {Format.Number(bound)}", value >= bound);

    /// <summary>|value - expected| &lt;= tolerance.</summary>
    public static Measurement Near(string name, double value, double expected, double tolerance) =>
        new(name, value, $"{Format.Number(expected)} +- {Format.Number(tolerance)}", Math.Abs(value - expected) <= tolerance);

    /// <summary>A count of violations over generated cases, which must be 0.</summary>
    public static Measurement NoViolations(string name, int violations, int cases) => new($"{name} (of {cases} cases)", violations, "0", violations == 0);

    /// <summary>A figure that is reported, not judged (it holds by definition).</summary>
    public static Measurement Reported(string name, double value) => new(name, value, "(reported)", true);
}
