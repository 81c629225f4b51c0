using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// The Bernoulli negative log-likelihood from logits, element by element, in one pass forward and one back, giving the
/// same bits as the composition <c>t softplus(-l) + (1 - t) softplus(l)</c> of <see cref="SoftplusOp"/>, products and
/// sums that <see cref="Objectives.Losses.BernoulliNll"/> was written as, and its chain-rule pullback
/// <c>(c (1 - t)) sigmoid(l) + ((c t) sigmoid(-l)) (-1)</c>: every operation of the composition, in its order, on the
/// same values. Only the shared work is done once: softplus(l) and softplus(-l) share log1p(e^-|l|), and sigmoid(l) and
/// sigmoid(-l) share e^-|l| and 1 + e^-|l|, so each element costs one exponential and one logarithm instead of two
/// of each, and the passes over memory drop from fifteen to two. On vectors (Vector512, split into halves where the CPU
/// is narrower) as <see cref="VectorMath"/>; without SIMD the scalar composition itself.
/// </summary>
internal static class BernoulliKernels
{
    private static readonly bool Wide = Vector128.IsHardwareAccelerated;

    /// <summary>dst_j = t_j softplus(-l_j) + (1 - t_j) softplus(l_j), by <see cref="VectorMath.Zip{TOp, T}"/>.</summary>
    public static void Loss<T>(ReadOnlySpan<T> l, ReadOnlySpan<T> t, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorMath.Zip<BernoulliNllOp, T>(l, t, dst);

    /// <summary>dst_j = (c (1 - t_j)) sigmoid(l_j) + ((c t_j) sigmoid(-l_j)) (-1): d/dl of c times the loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pullback<T>(T c, ReadOnlySpan<T> l, ReadOnlySpan<T> t, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Wide)
        {
            var vc = Vector512.Create(c);
            ref var rl = ref MemoryMarshal.GetReference(l);
            ref var rt = ref MemoryMarshal.GetReference(t);
            ref var rd = ref MemoryMarshal.GetReference(dst);
            for (var last = dst.Length - Vector512<T>.Count; i <= last; i += Vector512<T>.Count)
                Pullback(vc, Vector512.LoadUnsafe(ref rl, (nuint)i), Vector512.LoadUnsafe(ref rt, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
            if (i == dst.Length) return;
            Span<T> padL = stackalloc T[Vector512<T>.Count];
            Span<T> padT = stackalloc T[Vector512<T>.Count];
            l[i..].CopyTo(padL);
            t[i..].CopyTo(padT);
            Pullback(vc, Vector512.Create<T>(padL), Vector512.Create<T>(padT)).CopyTo(padL);
            padL[..(dst.Length - i)].CopyTo(dst[i..]);
            return;
        }
        for (; i < dst.Length; i++)
        {
            var oneMinusT = -t[i] + T.One;
            dst[i] = SoftplusGradOp.Scalar(c * oneMinusT, l[i]) + SoftplusGradOp.Scalar(c * t[i], l[i] * -T.One) * -T.One;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Pullback<T>(Vector512<T> c, Vector512<T> l, Vector512<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // VectorMath.Sigmoid of l and of -l from one e^-|l|: 1 / (1 + e) where the argument is >= 0, else e / (1 + e).
        var e = VectorExpLog.Exp(-Vector512.Abs(l));
        var denominator = Vector512<T>.One + e;
        var (high, low) = (Vector512<T>.One / denominator, e / denominator);
        var negative = l * -Vector512<T>.One;
        var sigmoid = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(l, Vector512<T>.Zero), high, low);
        var sigmoidNegative = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(negative, Vector512<T>.Zero), high, low);
        var oneMinusT = -t + Vector512<T>.One;
        return c * oneMinusT * sigmoid + c * t * sigmoidNegative * -Vector512<T>.One;
    }
}

/// <summary>The Bernoulli NLL of one logit l against its target t, as the composition computes it (see <see cref="BernoulliKernels"/>).</summary>
internal readonly struct BernoulliNllOp : IBinaryOp
{
    public static T Scalar<T>(T l, T t) where T : unmanaged, IFloatingPointIeee754<T> =>
        t * SoftplusOp.Scalar(l * -T.One) + (-t + T.One) * SoftplusOp.Scalar(l);

    public static Vector512<T> Vector<T>(Vector512<T> l, Vector512<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var log1p = VectorMath.Log1pSmall(VectorExpLog.Exp(-Vector512.Abs(l))); // log1p(e^-|l|), the same for l and -l
        var softplusNegative = Vector512.Max(l * -Vector512<T>.One, Vector512<T>.Zero) + log1p;
        var softplus = Vector512.Max(l, Vector512<T>.Zero) + log1p;
        var oneMinusT = -t + Vector512<T>.One;
        return t * softplusNegative + oneMinusT * softplus;
    }
}
