namespace RepLearn.Functional.Keys;

/// <summary>
/// Sampling as pure functions of a <see cref="Key"/>: element i of a sample uses counter block
/// i / 2, word i % 2, so a sample's first elements do not depend on its size. A float32 sample is the float64 sample
/// with the same key rounded to nearest, so the two dtypes draw the same numbers.
/// </summary>
public static class Sample
{
    private const double TwoPow53Inverse = 1.0 / (1UL << 53);

    /// <summary>U[0, 1) with 53 random bits per value: u = (bits &gt;&gt; 11) 2^-53.</summary>
    [Pure]
    public static Tensor Uniform(Key key, int rows, int cols, DType dtype = DType.Float64)
    {
        var buffer = Tensor.NewUninitialized(rows, cols);
        FillUniform(key, buffer);
        return Tensor.Wrap(rows, cols, buffer).AsConstant(dtype);
    }

    /// <summary>
    /// N(0, 1) by the Box-Muller transform: from the two words (u1, u2) of block j,
    /// z_2j = sqrt(-2 ln(1 - u1)) cos(2 pi u2) and z_2j+1 = sqrt(-2 ln(1 - u1)) sin(2 pi u2).
    /// </summary>
    [Pure]
    public static Tensor Normal(Key key, int rows, int cols, DType dtype = DType.Float64)
    {
        var buffer = Tensor.NewUninitialized(rows, cols);
        for (var j = 0; 2 * j < buffer.Length; j++)
        {
            var (a, b) = key.Bits((ulong)j);
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - ToUnit(a)));
            var angle = 2.0 * Math.PI * ToUnit(b);
            buffer[2 * j] = radius * Math.Cos(angle);
            if (2 * j + 1 < buffer.Length) buffer[2 * j + 1] = radius * Math.Sin(angle);
        }
        return Tensor.Wrap(rows, cols, buffer).AsConstant(dtype);
    }

    /// <summary>A tensor of 1 with probability <paramref name="p"/>, else 0.</summary>
    [Pure]
    public static Tensor Bernoulli(Key key, int rows, int cols, double p, DType dtype = DType.Float64)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "probability must be in [0, 1]");
        var buffer = Tensor.NewUninitialized(rows, cols);
        FillUniform(key, buffer);
        for (var i = 0; i < buffer.Length; i++) buffer[i] = buffer[i] < p ? 1.0 : 0.0;
        return Tensor.Wrap(rows, cols, buffer).AsConstant(dtype);
    }

    /// <summary>
    /// A uniformly random permutation of 0..n-1 (Fisher-Yates, the swap index drawn as
    /// floor(u (i + 1)) from 53-bit uniforms: bias below n 2^-53).
    /// </summary>
    [Pure]
    public static int[] Permutation(Key key, int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 0");
        var perm = new int[n];
        for (var i = 0; i < n; i++) perm[i] = i;
        var u = new double[n];
        FillUniform(key, u);
        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)(u[i] * (i + 1));
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        return perm;
    }

    /// <summary>Integers uniform in [0, maxExclusive).</summary>
    [Pure]
    public static int[] Integers(Key key, int count, int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be > 0");
        var u = new double[count];
        FillUniform(key, u);
        return u.Select(v => Math.Min((int)(v * maxExclusive), maxExclusive - 1)).ToArray();
    }

    private static void FillUniform(Key key, Span<double> buffer)
    {
        for (var j = 0; 2 * j < buffer.Length; j++)
        {
            var (a, b) = key.Bits((ulong)j);
            buffer[2 * j] = ToUnit(a);
            if (2 * j + 1 < buffer.Length) buffer[2 * j + 1] = ToUnit(b);
        }
    }

    private static double ToUnit(ulong bits) => (bits >> 11) * TwoPow53Inverse;
}
