using System.Globalization;

namespace RepLearn.Claims;

/// <summary>Number formatting shared by measurements and the report: invariant culture, 4 significant digits.</summary>
public static class Format
{
    /// <summary>"0.4412", "1.03e-12", "NaN".</summary>
    public static string Number(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf")
        : v != 0 && (Math.Abs(v) < 1e-3 || Math.Abs(v) >= 1e5) ? v.ToString("0.###e+0", CultureInfo.InvariantCulture)
        : v.ToString("0.####", CultureInfo.InvariantCulture);
}
