namespace RepLearn.Functional.Optim;

/// <summary>A smooth objective's value and gradient at a point, as a minimiser consumes them.</summary>
public delegate (double Value, double[] Gradient) Objective(double[] point);

/// <summary>Where <see cref="Lbfgs.Minimize"/> stopped and why.</summary>
/// <param name="Point">The last accepted point.</param>
/// <param name="Value">The objective there.</param>
/// <param name="GradientNorm">max_i |grad_i| there.</param>
/// <param name="Iterations">Accepted steps taken.</param>
/// <param name="Converged">True when the gradient or the relative decrease fell below its tolerance; false when the
/// iterations ran out or no step along the search direction decreased the objective.</param>
public sealed record LbfgsResult(double[] Point, double Value, double GradientNorm, int Iterations, bool Converged);

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright 2006, algorithms 7.4 and 7.5) with a backtracking Armijo line search: the
/// deterministic full-batch minimiser behind <see cref="Evaluation.LinearProbe"/>, stopping as scipy's L-BFGS-B does for
/// scikit-learn (max |grad| &lt;= gradientTolerance, or a relative decrease
/// (f_k - f_k+1) / max(|f_k|, |f_k+1|, 1) &lt;= valueTolerance).
/// <para>
/// Written here rather than calling MathNet's <c>LimitedMemoryBfgsMinimizer</c> (a dependency already): that one throws
/// when it reaches its iteration limit or its line search fails, where a probe should return its last point and say it
/// did not converge (<see cref="LbfgsResult.Converged"/>), and it has no relative-decrease rule, so it could not stop
/// where scikit-learn does.
/// </para>
/// </summary>
public static class Lbfgs
{
    /// <summary>64 machine epsilons (64 x 2^-52), the ftol scikit-learn gives scipy's L-BFGS-B.</summary>
    public const double DefaultValueTolerance = 64 * 2.220446049250313e-16;

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/>; the start is not modified.</summary>
    /// <param name="objective">Value and gradient; the gradient must have the point's length.</param>
    /// <param name="start">The first point.</param>
    /// <param name="maxIterations">At most this many accepted steps (&gt;= 0).</param>
    /// <param name="gradientTolerance">Stop when max |grad| is at most this (&gt;= 0).</param>
    /// <param name="valueTolerance">Stop when a step's relative decrease is at most this (&gt;= 0; scipy's ftol).</param>
    /// <param name="memory">Curvature pairs kept (&gt;= 1; scipy's default 10).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or tolerance out of range, naming it.</exception>
    /// <exception cref="ArgumentException">The objective returns a gradient of another length, or a non-finite value at the start.</exception>
    public static LbfgsResult Minimize(Objective objective, double[] start, int maxIterations = 1000, double gradientTolerance = 1e-5,
        double valueTolerance = DefaultValueTolerance, int memory = 10)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        if (maxIterations < 0) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, $"maxIterations must be >= 0, got {maxIterations}");
        if (!(gradientTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(gradientTolerance), gradientTolerance, $"gradientTolerance must be >= 0, got {gradientTolerance}");
        if (!(valueTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(valueTolerance), valueTolerance, $"valueTolerance must be >= 0, got {valueTolerance}");
        if (memory < 1) throw new ArgumentOutOfRangeException(nameof(memory), memory, $"memory must be >= 1, got {memory}");
        var x = (double[])start.Clone();
        var (f, g) = Evaluate(objective, x);
        if (!double.IsFinite(f)) throw new ArgumentException($"the objective is {f} at the start", nameof(start));
        var pairs = new List<(double[] S, double[] Y, double Rho)>(memory);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (MaxAbs(g) <= gradientTolerance) return new LbfgsResult(x, f, MaxAbs(g), iteration, true);
            var direction = Direction(g, pairs);
            var slope = Dot(g, direction);
            if (!(slope < 0))
            {
                // Rounding can spoil the two-loop direction; restart from steepest descent.
                pairs.Clear();
                direction = Direction(g, pairs);
                slope = Dot(g, direction);
            }
            if (LineSearch(objective, x, f, direction, slope) is not var (next, fNext, gNext))
                return new LbfgsResult(x, f, MaxAbs(g), iteration, false);
            var s = Subtract(next, x);
            var y = Subtract(gNext, g);
            var sy = Dot(s, y);
            // Keep the pair only when it has positive curvature, so the inverse-Hessian estimate stays positive definite.
            if (sy > 1e-10 * Dot(y, y))
            {
                if (pairs.Count == memory) pairs.RemoveAt(0);
                pairs.Add((s, y, 1 / sy));
            }
            var decrease = (f - fNext) / Math.Max(Math.Max(Math.Abs(f), Math.Abs(fNext)), 1);
            (x, f, g) = (next, fNext, gNext);
            if (decrease <= valueTolerance) return new LbfgsResult(x, f, MaxAbs(g), iteration + 1, true);
        }
        return new LbfgsResult(x, f, MaxAbs(g), maxIterations, MaxAbs(g) <= gradientTolerance);
    }

    // Two-loop recursion: -H g with H the L-BFGS inverse-Hessian estimate, H0 = (s'y / y'y) I from the newest pair; with no
    // pair, a steepest-descent step of length at most 1 in the largest coordinate.
    private static double[] Direction(double[] g, List<(double[] S, double[] Y, double Rho)> pairs)
    {
        var q = (double[])g.Clone();
        var alpha = new double[pairs.Count];
        for (var i = pairs.Count - 1; i >= 0; i--)
        {
            alpha[i] = pairs[i].Rho * Dot(pairs[i].S, q);
            AddScaled(q, -alpha[i], pairs[i].Y);
        }
        var gamma = pairs.Count > 0 ? 1 / (pairs[^1].Rho * Dot(pairs[^1].Y, pairs[^1].Y)) : 1 / Math.Max(1, MaxAbs(g));
        for (var j = 0; j < q.Length; j++) q[j] *= gamma;
        for (var i = 0; i < pairs.Count; i++)
        {
            var beta = pairs[i].Rho * Dot(pairs[i].Y, q);
            AddScaled(q, alpha[i] - beta, pairs[i].S);
        }
        for (var j = 0; j < q.Length; j++) q[j] = -q[j];
        return q;
    }

    // Backtracking from the unit step until f(x + t d) <= f + 1e-4 t g'd (Armijo), halving at most 50 times.
    private static (double[] Point, double Value, double[] Gradient)? LineSearch(Objective objective, double[] x, double f, double[] direction, double slope)
    {
        var t = 1.0;
        for (var trial = 0; trial < 50; trial++, t *= 0.5)
        {
            var point = (double[])x.Clone();
            AddScaled(point, t, direction);
            var (value, gradient) = Evaluate(objective, point);
            if (double.IsFinite(value) && value <= f + 1e-4 * t * slope) return (point, value, gradient);
        }
        return null;
    }

    private static (double Value, double[] Gradient) Evaluate(Objective objective, double[] point)
    {
        var (value, gradient) = objective(point);
        if (gradient is null || gradient.Length != point.Length)
            throw new ArgumentException($"the objective returned a gradient of length {gradient?.Length.ToString(CultureInfo.InvariantCulture) ?? "null"} for a point of length {point.Length}", nameof(objective));
        return (value, gradient);
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double MaxAbs(double[] a)
    {
        var max = 0.0;
        foreach (var v in a) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    private static void AddScaled(double[] into, double scale, double[] v)
    {
        for (var i = 0; i < into.Length; i++) into[i] += scale * v[i];
    }

    private static double[] Subtract(double[] a, double[] b)
    {
        var d = new double[a.Length];
        for (var i = 0; i < a.Length; i++) d[i] = a[i] - b[i];
        return d;
    }
}
