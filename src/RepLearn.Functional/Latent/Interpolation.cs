namespace RepLearn.Functional.Latent;

/// <summary>
/// Paths between two codes a and b, as <c>steps</c> rows t_k = k / (steps - 1), k = 0..steps-1, both ends included
/// exactly (row 0 is a, the last row is b, bit for bit).
/// </summary>
/// <example><code>
/// Tensor path = Interpolation.Spherical(za, zb, steps: 8); // 8 x d; decode the rows to see the morph
/// </code></example>
public static class Interpolation
{
    /// <summary>Linear interpolation z(t) = (1 - t) a + t b.</summary>
    [Pure]
    public static Tensor Linear(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int steps)
    {
        Require(a, b, steps);
        var d = a.Length;
        var buffer = Tensor.NewBuffer(steps, d);
        for (var k = 0; k < steps; k++)
        {
            var t = T(k, steps);
            for (var j = 0; j < d; j++) buffer[k * d + j] = Lerp(a[j], b[j], t, k, steps);
        }
        return Tensor.Wrap(steps, d, buffer);
    }

    /// <summary>
    /// Spherical linear interpolation (slerp; Shoemake 1985, advocated for Gaussian codes by White 2016,
    /// "Sampling generative networks"): with cos omega = a.b / (|a| |b|),
    /// z(t) = sin((1 - t) omega) / sin omega a + sin(t omega) / sin omega b.
    /// For |a| = |b| every z(t) has that norm (the path is a great-circle arc). When omega is below 1e-7
    /// (parallel codes) or a code is zero, this is the linear interpolation; for antipodal codes
    /// (omega near pi) the arc is not unique and the formula's choice is returned as computed.
    /// </summary>
    [Pure]
    public static Tensor Spherical(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int steps)
    {
        Require(a, b, steps);
        double dot = 0, na = 0, nb = 0;
        for (var j = 0; j < a.Length; j++)
        {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }
        var denominator = Math.Sqrt(na) * Math.Sqrt(nb);
        var omega = denominator > 0 ? Math.Acos(Math.Clamp(dot / denominator, -1.0, 1.0)) : 0.0;
        if (omega < 1e-7) return Linear(a, b, steps);
        var sinOmega = Math.Sin(omega);
        var d = a.Length;
        var buffer = Tensor.NewBuffer(steps, d);
        for (var k = 0; k < steps; k++)
        {
            var t = T(k, steps);
            var (wa, wb) = (Math.Sin((1 - t) * omega) / sinOmega, Math.Sin(t * omega) / sinOmega);
            for (var j = 0; j < d; j++)
                buffer[k * d + j] = k == 0 ? a[j] : k == steps - 1 ? b[j] : wa * a[j] + wb * b[j];
        }
        return Tensor.Wrap(steps, d, buffer);
    }

    private static double T(int k, int steps) => (double)k / (steps - 1);

    /// <summary>(1 - t) a + t b, with the ends exact (the formula gives a + 0 b = a, but t = 1 must give b bit for bit).</summary>
    private static double Lerp(double a, double b, double t, int k, int steps) => k == 0 ? a : k == steps - 1 ? b : (1 - t) * a + t * b;

    private static void Require(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int steps)
    {
        if (a.Length == 0) throw new ArgumentException("the codes are empty", nameof(a));
        if (a.Length != b.Length) throw new ArgumentException($"b has {b.Length} values, a has {a.Length}; the codes must have the same width", nameof(b));
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be >= 2 (both ends are included), got {steps}");
        for (var j = 0; j < a.Length; j++)
            if (!double.IsFinite(a[j]) || !double.IsFinite(b[j]))
                throw new ArgumentException($"{(double.IsFinite(a[j]) ? "b" : "a")}[{j}] is not finite", double.IsFinite(a[j]) ? nameof(b) : nameof(a));
    }
}
