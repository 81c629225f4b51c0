namespace RepLearn.Claims;

/// <summary>
/// One property of an exact claim as its experiment checks it: what a violating case is called in the report, the
/// FsCheck property, and how many generated cases each budget checks (see <see cref="PropertyRun.Each"/>).
/// </summary>
/// <param name="Violations">The report's name for the cases that break the property ("pairs whose sim is not in [-1, 1]").</param>
/// <param name="Property">Builds the property; called when the experiment runs, so a claim may list its properties before the generators they use.</param>
/// <param name="QuickCases">Cases checked at <see cref="Budget.Quick"/>.</param>
/// <param name="FullCases">Cases checked at <see cref="Budget.Full"/>.</param>
public sealed record PropertyCheck(string Violations, Func<Property> Property, int QuickCases, int FullCases);
