using System.Numerics;

namespace RepLearn.Functional.Tensors;

public sealed partial class Tensor
{
    /// <summary>True when every element is finite (no NaN, no infinity).</summary>
    [Pure]
    public bool AllFinite() => DType == DType.Float32 ? AllAbsAtMost(BufferOf<float>(), float.MaxValue) : AllAbsAtMost(Buffer, double.MaxValue);

    /// <summary>True when |x| &lt;= <paramref name="bound"/> for every element x (so false for any NaN), vectorised.</summary>
    [Pure]
    public bool AllAbsAtMost(double bound) => DType == DType.Float32 ? AllAbsAtMost(BufferOf<float>(), FloatBelow(bound)) : AllAbsAtMost(Buffer, bound);

    /// <summary>
    /// The largest float &lt;= bound (float.MaxValue past it), so |x| &lt;= bound in float32 means the same as in
    /// double: a bound beyond float32's range leaves only the finiteness check, as it should.
    /// </summary>
    private static float FloatBelow(double bound)
    {
        if (bound >= float.MaxValue) return float.MaxValue;
        var f = (float)bound;
        return f > bound ? MathF.BitDecrement(f) : f;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AllAbsAtMost<T>(ReadOnlySpan<T> span, T bound) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var limit = new Vector<T>(bound);
        var i = 0;
        for (; i + Vector<T>.Count <= span.Length; i += Vector<T>.Count)
            if (!Vector.LessThanOrEqualAll(Vector.Abs(new Vector<T>(span[i..])), limit)) return false;
        for (; i < span.Length; i++)
            if (!(T.Abs(span[i]) <= bound)) return false;
        return true;
    }
}
