namespace RepLearn.Functional.Resources;

/// <summary>
/// Arithmetic on non-negative counts that saturates at <see cref="long.MaxValue"/> instead of overflowing,
/// so that a size computed from absurd inputs (widths of 2^31 - 1, a billion-row batch) stays a number
/// that every memory budget refuses, never a wrapped negative or an <see cref="OverflowException"/>.
/// </summary>
internal static class Saturating
{
    /// <summary>a + b for a, b &gt;= 0, or long.MaxValue when the sum does not fit.</summary>
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>a * b for a, b &gt;= 0, or long.MaxValue when the product does not fit.</summary>
    public static long Multiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    /// <summary>The sum of non-negative terms, saturating.</summary>
    public static long Sum(IEnumerable<long> terms)
    {
        long total = 0;
        foreach (var t in terms) total = Add(total, t);
        return total;
    }

    /// <summary>The product of non-negative factors, saturating (an empty product is 1).</summary>
    public static long Product(IEnumerable<long> factors)
    {
        long product = 1;
        var saturated = false;
        foreach (var f in factors)
        {
            if (f == 0) return 0;
            if (saturated) continue;
            product = Multiply(product, f);
            saturated = product == long.MaxValue;
        }
        return product;
    }
}
