namespace RepLearn.Functional.Optim;

/// <summary>Hyperparameter checks: a bad value is an error naming the parameter and the value.</summary>
internal static class Hyper
{
    public static void Require(bool ok, string name, double value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}, got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
