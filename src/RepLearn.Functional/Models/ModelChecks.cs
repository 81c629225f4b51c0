namespace RepLearn.Functional.Models;

/// <summary>Shared checks for model configurations.</summary>
internal static class ModelChecks
{
    public static void RequirePositive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= 1, got {value}");
    }

    public static void RequireWidths(IEnumerable<int> widths, string name)
    {
        foreach (var w in widths)
            if (w < 1) throw new ArgumentOutOfRangeException(name, w, $"every width in {name} must be >= 1, got {w}");
    }

    public static void RequireFinite(double value, string name, double min = double.NegativeInfinity, bool minExclusive = false)
    {
        if (!double.IsFinite(value) || value < min || (minExclusive && value == min))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and {(minExclusive ? ">" : ">=")} {min}, got {value}");
    }
}
