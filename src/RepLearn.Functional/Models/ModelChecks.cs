namespace RepLearn.Functional.Models;

/// <summary>Shared checks for model configurations.</summary>
internal static class ModelChecks
{
    public static void RequirePositive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= 1, got {value}");
    }
}
