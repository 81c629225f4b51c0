using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Properties.Support;

// The core's DType (the facade's RepLearn.DType, in an enclosing namespace, would win over a using outside it).
using DType = RepLearn.Functional.Tensors.DType;

/// <summary>
/// Checks a float32 pullback against the float64 pullback of the same function at the same point: the inputs are first
/// rounded to float32, so both dtypes see identical input values, and the float64 gradient (itself checked against
/// central differences in <see cref="GradCheck"/>) is the reference. This is sharper than finite differences in
/// float32, whose step h must be about sqrt(eps32) ~ 3e-4 and whose quotient loses half of float32's 24 bits, so a
/// difference check could only hold gradients to ~1e-2. Here each float32 operation rounds with relative error at most
/// 2^-24 ~ 6e-8; the generated shapes are at most a few dozen elements per sum and the functions well conditioned on
/// the generated domains, so the float32 gradient must agree to <see cref="RelativeTolerance"/> relative to
/// max(1, |g64|) (about 1000 ulps of float32: loose enough for the accumulated rounding, tight enough that a wrong
/// formula or a float64 shortcut (a pullback silently in the other dtype) fails). The value must agree likewise, and the
/// value and every gradient leaf must be float32.
/// </summary>
public static class Float32Check
{
    /// <summary>|g32 - g64| &lt;= RelativeTolerance * max(1, |g64|).</summary>
    public const double RelativeTolerance = 1e-4;

    /// <summary>Asserts the float32 value and gradient of a function of one tensor against float64.</summary>
    public static void Assert(Func<Tensor, Tensor> f, Tensor x) => Assert(l => f(l[0]), [x]);

    /// <summary>Asserts the float32 value and gradient of a function of two tensors against float64.</summary>
    public static void Assert(Func<Tensor, Tensor, Tensor> f, Tensor a, Tensor b) => Assert(l => f(l[0], l[1]), [a, b]);

    /// <summary>Asserts the float32 value and gradient of a function of several tensors against float64.</summary>
    public static void Assert(Func<LeafList, Tensor> f, IReadOnlyList<Tensor> inputs)
    {
        var single = new LeafList([.. inputs.Select(t => t.AsType(DType.Float32))]);
        var wide = Tree.AsType(single, DType.Float64);
        var (v32, g32) = Grad.ValueAndGrad(f, single);
        var (v64, g64) = Grad.ValueAndGrad(f, wide);
        if (!Close(v32, v64)) throw new GradCheck.GradCheckException($"float32 value {v32:R} differs from float64 {v64:R}");
        var leaves32 = Tree.Leaves(g32).Select(l => l.Leaf).ToList();
        var leaves64 = Tree.Leaves(g64).Select(l => l.Leaf).ToList();
        for (var i = 0; i < leaves32.Count; i++)
        {
            if (leaves32[i].DType != DType.Float32)
                throw new GradCheck.GradCheckException($"gradient leaf {i} is {leaves32[i].DType}, not Float32");
            var (a, b) = (leaves32[i].ToArray(), leaves64[i].ToArray());
            for (var j = 0; j < a.Length; j++)
                if (!Close(a[j], b[j]))
                    throw new GradCheck.GradCheckException($"gradient leaf {i} element {j}: float32 {a[j]:R}, float64 {b[j]:R}");
        }
    }

    private static bool Close(double single, double reference) =>
        Math.Abs(single - reference) <= RelativeTolerance * Math.Max(1, Math.Abs(reference));
}
