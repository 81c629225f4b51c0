using System.Globalization;
using System.Text;
using RepLearn.Functional.Trees;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;

namespace RepLearn.Properties.Support;

/// <summary>
/// Checks reverse-mode gradients against central finite differences, in double.
/// For every element x of every leaf: numeric = (f(x + h) - f(x - h)) / 2h with
/// h = <see cref="RelativeStep"/> * max(1, |x|); it must satisfy
/// |analytic - numeric| &lt;= <see cref="AbsoluteTolerance"/> + <see cref="RelativeTolerance"/> * |numeric|
/// (NUMERICS.md: rtol 1e-4, atol 1e-6). The value returned by <c>ValueAndGrad</c> must also equal
/// f evaluated on constants, bit for bit, and the gradient must have each leaf's shape.
/// </summary>
/// <example><code>
/// GradCheck.Assert(x => Weights.Probe(Ops.Exp(x)), x);
/// </code></example>
public static class GradCheck
{
    /// <summary>Finite-difference step, relative to max(1, |x|).</summary>
    public const double RelativeStep = 1e-6;

    /// <summary>Absolute part of the tolerance.</summary>
    public const double AbsoluteTolerance = 1e-6;

    /// <summary>Relative part of the tolerance (times |numeric|).</summary>
    public const double RelativeTolerance = 1e-4;

    /// <summary>One element whose analytic and numeric derivatives disagree.</summary>
    public sealed record Mismatch(int Leaf, int Row, int Col, double Input, double Analytic, double Numeric)
    {
        /// <inheritdoc />
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"leaf {Leaf} [{Row},{Col}] at x = {Input:R}: analytic {Analytic:R}, numeric {Numeric:R}, |diff| {Math.Abs(Analytic - Numeric):G3}");
    }

    /// <summary>The outcome of one check: the value, the elements compared and any problems found.</summary>
    public sealed record Report(double Value, int Compared, IReadOnlyList<Mismatch> Mismatches, IReadOnlyList<string> Problems)
    {
        /// <summary>True when every element agreed and nothing else went wrong.</summary>
        public bool Ok => Mismatches.Count == 0 && Problems.Count == 0;

        /// <inheritdoc />
        public override string ToString()
        {
            var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"gradient check: value {Value:R}, {Compared} elements compared"));
            foreach (var p in Problems) sb.Append("\n  ").Append(p);
            foreach (var m in Mismatches.Take(20)) sb.Append("\n  ").Append(m);
            if (Mismatches.Count > 20) sb.Append(CultureInfo.InvariantCulture, $"\n  ... {Mismatches.Count - 20} more mismatches");
            return sb.ToString();
        }
    }

    /// <summary>Thrown by <see cref="Assert(Func{LeafList, Tensor}, LeafList)"/>; FsCheck prints it with the seed and counterexample.</summary>
    public sealed class GradCheckException(string message) : Exception(message);

    /// <summary>Compares the analytic gradient of a scalar f of several leaves with central differences.</summary>
    public static Report Check(Func<LeafList, Tensor> f, LeafList leaves)
    {
        var constants = Tree.Map(leaves, t => t.Detach());
        var (value, gradient) = Grad.ValueAndGrad(f, constants);
        var problems = new List<string>();
        var mismatches = new List<Mismatch>();

        var plain = Evaluate(f, constants);
        if (!value.Equals(plain))
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"ValueAndGrad value {value:R} differs from f on constants {plain:R}"));

        var compared = 0;
        for (var leaf = 0; leaf < constants.Count; leaf++)
        {
            var x = constants[leaf];
            var g = gradient[leaf];
            if (!g.SameShape(x))
            {
                problems.Add($"leaf {leaf}: gradient shape {g.ShapeString}, leaf shape {x.ShapeString}");
                continue;
            }
            for (var i = 0; i < x.Length; i++)
            {
                var numeric = Numeric(f, constants, leaf, i);
                var analytic = g.Span[i];
                compared++;
                if (!Agrees(analytic, numeric))
                    mismatches.Add(new Mismatch(leaf, i / x.Cols, i % x.Cols, x.Span[i], analytic, numeric));
            }
        }
        return new Report(value, compared, mismatches, problems);
    }

    /// <summary>Single-leaf form of <see cref="Check(Func{LeafList, Tensor}, LeafList)"/>.</summary>
    public static Report Check(Func<Tensor, Tensor> f, Tensor x) => Check(l => f(l[0]), LeafList.Of(x));

    /// <summary>Two-leaf form of <see cref="Check(Func{LeafList, Tensor}, LeafList)"/>.</summary>
    public static Report Check(Func<Tensor, Tensor, Tensor> f, Tensor a, Tensor b) => Check(l => f(l[0], l[1]), LeafList.Of(a, b));

    /// <summary>Throws <see cref="GradCheckException"/> with the full report when the check fails.</summary>
    public static void Assert(Func<LeafList, Tensor> f, LeafList leaves)
    {
        var report = Check(f, leaves);
        if (!report.Ok) throw new GradCheckException(report.ToString());
    }

    /// <summary>Single-leaf form of <see cref="Assert(Func{LeafList, Tensor}, LeafList)"/>.</summary>
    public static void Assert(Func<Tensor, Tensor> f, Tensor x) => Assert(l => f(l[0]), LeafList.Of(x));

    /// <summary>Two-leaf form of <see cref="Assert(Func{LeafList, Tensor}, LeafList)"/>.</summary>
    public static void Assert(Func<Tensor, Tensor, Tensor> f, Tensor a, Tensor b) => Assert(l => f(l[0], l[1]), LeafList.Of(a, b));

    /// <summary>The tolerance rule: |analytic - numeric| &lt;= atol + rtol |numeric|, both finite.</summary>
    public static bool Agrees(double analytic, double numeric) =>
        double.IsFinite(analytic) && double.IsFinite(numeric)
        && Math.Abs(analytic - numeric) <= AbsoluteTolerance + RelativeTolerance * Math.Abs(numeric);

    private static double Numeric(Func<LeafList, Tensor> f, LeafList at, int leaf, int index)
    {
        var x = at[leaf];
        var xi = x.Span[index];
        var h = RelativeStep * Math.Max(1.0, Math.Abs(xi));
        var plus = Evaluate(f, Perturb(at, leaf, index, xi + h));
        var minus = Evaluate(f, Perturb(at, leaf, index, xi - h));
        // Divide by the step actually taken, (xi + h) - (xi - h), which rounding can change.
        return (plus - minus) / ((xi + h) - (xi - h));
    }

    private static LeafList Perturb(LeafList at, int leaf, int index, double value)
    {
        var x = at[leaf];
        var buffer = x.ToArray();
        buffer[index] = value;
        return new LeafList(at.Items.SetItem(leaf, Tensor.FromSpan(x.Rows, x.Cols, buffer)));
    }

    private static double Evaluate(Func<LeafList, Tensor> f, LeafList at)
    {
        var y = f(at);
        if (y.Length != 1) throw new ArgumentException($"the checked function must return a 1x1 tensor, got {y.ShapeString}", nameof(f));
        return y.Span[0];
    }
}
