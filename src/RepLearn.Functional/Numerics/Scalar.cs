namespace RepLearn.Functional.Numerics;

/// <summary>
/// Scalar functions that .NET does not provide accurately. (.NET's <c>double.ExpM1</c> and
/// <c>double.LogP1</c> are computed as <c>exp(x) - 1</c> and <c>log(1 + x)</c>, which lose all
/// precision for small x.)
/// </summary>
public static class Scalar
{
    /// <summary>
    /// log(1 + x), accurate for small |x| (Goldberg 1991, Theorem 4):
    /// with u = 1 + x rounded, log1p(x) = log(u) * x / (u - 1), exact when u = 1.
    /// </summary>
    public static double Log1p(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return double.PositiveInfinity;
        if (u == x) return Math.Log(u); // x >= 2^53: 1 is below half an ulp; log(u) * x would overflow past ~2.5e305
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>
    /// exp(x) - 1, accurate for small |x| (Kahan's trick): with u = exp(x) rounded,
    /// expm1(x) = (u - 1) * x / log(u), exact when u = 1.
    /// </summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) > 0.5) return Math.Exp(x) - 1.0;
        var u = Math.Exp(x);
        if (u == 1.0) return x;
        var um1 = u - 1.0;
        return um1 * x / Math.Log(u);
    }

    /// <summary>
    /// e^x - 1 - x without cancellation: for |x| &lt; 1/2 the series x^2/2! + x^3/3! + ... (Horner, 18 terms,
    /// truncation below 1e-17 relative); elsewhere expm1(x) - x, whose terms no longer cancel. It is the
    /// per-dimension KL's e^lv - 1 - lv, which is about lv^2/2 for tiny lv.
    /// </summary>
    public static double Expm1MinusX(double x)
    {
        if (!(Math.Abs(x) < 0.5)) return Expm1(x) - x;
        var sum = 1.0;
        for (var n = 19; n >= 3; n--) sum = 1.0 + x / n * sum;
        return x * x / 2 * sum;
    }

    /// <summary>softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|), finite for every finite x.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));

    /// <summary>The logistic sigmoid 1 / (1 + e^-x), evaluated without overflow on both sides.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1.0 / (1.0 + Math.Exp(-x));
        var e = Math.Exp(x);
        return e / (1.0 + e);
    }
}
