namespace RepLearn.Claims;

/// <summary>One measured figure of an experiment beside what it is compared with.</summary>
/// <param name="Name">What was measured ("max |KL - sum of 1-D KLs| / tolerance").</param>
/// <param name="Value">The measured value.</param>
/// <param name="Expected">The expected value or bound, as the report shows it ("&lt;= 1", "0.5 +- 0.01").</param>
/// <param name="Holds">Whether this figure meets its expectation.</param>
public sealed record Measurement(string Name, double Value, string Expected, bool Holds);

/// <summary>How a series is drawn.</summary>
public enum SeriesKind
{
    /// <summary>Points joined by lines.</summary>
    Line,
    /// <summary>Points only.</summary>
    Scatter,
    /// <summary>Arrows from (X, Y) by (U, V): a vector field.</summary>
    Arrows,
}

/// <summary>One series of a figure.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="X">Abscissae.</param>
/// <param name="Y">Ordinates (same length as X).</param>
/// <param name="Kind">How it is drawn.</param>
/// <param name="U">Arrow x-components, for <see cref="SeriesKind.Arrows"/>.</param>
/// <param name="V">Arrow y-components, for <see cref="SeriesKind.Arrows"/>.</param>
public sealed record Series(string Label, double[] X, double[] Y, SeriesKind Kind = SeriesKind.Line, double[]? U = null, double[]? V = null);

/// <summary>The data of one figure; <c>replearn verify</c> draws it to <c>{FileName}.png</c>.</summary>
/// <param name="FileName">File name without extension, unique across claims (e.g. "l4-infonce-vs-mi").</param>
/// <param name="Title">Figure title.</param>
/// <param name="XLabel">x-axis label.</param>
/// <param name="YLabel">y-axis label.</param>
/// <param name="Series">What is drawn.</param>
/// <param name="LogX">Logarithmic x axis (values must be &gt; 0).</param>
public sealed record FigureData(string FileName, string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series, bool LogX = false);

/// <summary>What an experiment found.</summary>
/// <param name="Measurements">The figures, each with its expectation; the claim holds when all of them hold.</param>
/// <param name="Figures">Data for the claim's plots (may be empty).</param>
/// <param name="Note">Anything a reader must know about this run (e.g. "MNIST not found: ran on generated shapes").</param>
public sealed record ClaimResult(IReadOnlyList<Measurement> Measurements, IReadOnlyList<FigureData> Figures, string? Note = null)
{
    /// <summary>True when every measurement holds (and there is at least one).</summary>
    public bool Holds => Measurements.Count > 0 && Measurements.All(m => m.Holds);

    /// <summary>The measurements that fail, for messages.</summary>
    public string Failures => string.Join("; ", Measurements.Where(m => !m.Holds).Select(m => $"{m.Name} = {Format.Number(m.Value)}, expected {m.Expected}"));

    /// <summary>A result of measurements only.</summary>
    public static ClaimResult Of(params Measurement[] measurements) => new(measurements, []);
}
