namespace RepLearn.Claims;

/// <summary>
/// Runs an exact claim's FsCheck property as an experiment: the generator's seed comes from the claim's key, the
/// number of cases from the budget, so verify and the property tests check the same property on reproducible cases.
/// A property signals a violation by throwing <see cref="ClaimViolationException"/> (see <see cref="ClaimCheck"/>).
/// </summary>
public static class PropertyRun
{
    /// <summary>
    /// Checks <paramref name="property"/> on <paramref name="cases"/> generated cases seeded by <paramref name="key"/>;
    /// returns a measurement "violations (of N cases)" = 0 or 1, whose name carries FsCheck's shrunk counterexample on failure.
    /// </summary>
    public static Measurement Cases(string name, Property property, Key key, int cases)
    {
        var (seed, gamma) = (key.K0, key.K1 | 1); // FsCheck's gamma must be odd
        var config = Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(cases)
            .WithReplay(new Replay(new Rnd(seed, gamma), Microsoft.FSharp.Core.FSharpOption<int>.None));
        try
        {
            Check.One(config, property);
            return Measure.NoViolations(name, 0, cases);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var first = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new Measurement($"{name} (of {cases} cases; counterexample: {string.Join(" ", first.Take(6))})", 1, "0", false);
        }
    }

    /// <summary>
    /// Checks every property of an exact claim in order, the i-th on cases seeded by <c>cx.Key.FoldIn(i)</c>, as many as the
    /// budget picks: one "violations (of N cases)" measurement per property (see <see cref="Cases"/>).
    /// </summary>
    public static Measurement[] Each(ClaimContext cx, params PropertyCheck[] checks) =>
        [.. checks.Select((check, i) => Cases(check.Violations, check.Property(), cx.Key.FoldIn(i), cx.Pick(check.QuickCases, check.FullCases)))];

    /// <summary>An exact claim whose experiment is its properties and nothing else: <see cref="Each"/> of <paramref name="checks"/>.</summary>
    public static Claim ExactClaim(string id, int lecture, string statement, string method, params PropertyCheck[] checks) =>
        new(id, lecture, statement, method, ClaimKind.Exact, cx => ClaimResult.Of(Each(cx, checks)));
}
