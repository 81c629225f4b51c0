namespace RepLearn.Claims;

/// <summary>How a claim is checked: for every generated input up to rounding, or by a fixed-seed experiment with a stated tolerance.</summary>
public enum ClaimKind
{
    /// <summary>Holds for every generated input, up to a floating-point tolerance derived in the claim's method.</summary>
    Exact,
    /// <summary>A fixed-seed experiment whose figures must fall within a stated tolerance or bound.</summary>
    Statistical,
}

/// <summary>
/// One claim of the lectures as a value: what it says, how it is checked, and the experiment that checks it.
/// The experiment is pure: the same <see cref="ClaimContext"/> gives the same <see cref="ClaimResult"/>, bit for bit.
/// </summary>
/// <param name="Id">The claim's id in the catalogue (e.g. "L3-kl-additive").</param>
/// <param name="Lecture">1 to 4.</param>
/// <param name="Statement">The claim in the lectures' words (one line: see <see cref="Statement"/>).</param>
/// <param name="Method">How it is checked, with the tolerance and why (one paragraph: see <see cref="Method"/>).</param>
/// <param name="Kind">Exact or statistical.</param>
/// <param name="Experiment">(context) -> measured figures, verdict and figure data.</param>
public sealed record Claim(string Id, int Lecture, string Statement, string Method, ClaimKind Kind, Func<ClaimContext, ClaimResult> Experiment)
{
    /// <summary>The claim in the lectures' words, on one line: the line breaks of a multi-line literal read as spaces.</summary>
    public string Statement { get; init; } = OneLine(Statement);

    /// <summary>How it is checked, as one paragraph: the line breaks of a multi-line literal read as spaces.</summary>
    public string Method { get; init; } = OneLine(Method);

    /// <summary>Runs the experiment.</summary>
    public ClaimResult Run(ClaimContext context) => Experiment(context);

    // The catalogue and the report print a claim's texts as single table cells.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
