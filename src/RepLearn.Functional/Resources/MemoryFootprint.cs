namespace RepLearn.Functional.Resources;

/// <summary>
/// Estimates, in bytes, of what training and loading hold in memory, computed from sizes alone (nothing is
/// allocated) with arithmetic that saturates at <see cref="long.MaxValue"/> rather than overflowing: a
/// width of 2^31 - 1 or a billion-row batch gives a huge number that <see cref="MemoryBudget"/> refuses,
/// never an <see cref="OverflowException"/>. The constants are deliberately round upper estimates: they
/// decide whether to start, not how to tune.
/// </summary>
/// <example><code>
/// long bytes = MemoryFootprint.TrainingBytes(Vae.ParameterCount(config)); // 40 bytes per parameter
/// MemoryBudget.Default.Require(bytes, "the model", "config");
/// </code></example>
public static class MemoryFootprint
{
    /// <summary>Bytes of one double.</summary>
    public const int BytesPerDouble = 8;

    /// <summary>
    /// 40 = 5 x 8 bytes per parameter while training with Adam: the parameter, its gradient, Adam's two
    /// moments (m and v), and one more copy for the updated parameters built before the old ones are released.
    /// </summary>
    public const int BytesPerTrainedParameter = 5 * BytesPerDouble;

    /// <summary>
    /// 32 = 4 x 8 bytes per unit of a layer per sample in a training step: the pre-activation and the
    /// activation, each kept for the backward pass, and a gradient of each.
    /// </summary>
    public const int BytesPerActivation = 4 * BytesPerDouble;

    /// <summary>The bytes of training a model of <paramref name="parameterCount"/> parameters with Adam: count x <see cref="BytesPerTrainedParameter"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is negative.</exception>
    public static long TrainingBytes(long parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        return Saturating.Multiply(parameterCount, BytesPerTrainedParameter);
    }

    /// <summary>
    /// The activation bytes of one training step on a batch of <paramref name="batchSize"/> rows through
    /// layers of the given widths (every width a forward pass produces, input included):
    /// batchSize x sum(widths) x <see cref="BytesPerActivation"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch size or a width is negative.</exception>
    public static long ActivationBytes(long batchSize, IEnumerable<int> widths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        ArgumentNullException.ThrowIfNull(widths);
        long units = 0;
        foreach (var w in widths)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(widths));
            units = Saturating.Add(units, w);
        }
        return Saturating.Multiply(Saturating.Multiply(batchSize, units), BytesPerActivation);
    }

    /// <summary>
    /// The bytes of a declared array: prod(<paramref name="shape"/>) x <paramref name="bytesPerElement"/>
    /// (for example an IDX file's n x rows x cols bytes, or the doubles they become).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the element size is negative.</exception>
    public static long DataBytes(IEnumerable<long> shape, long bytesPerElement)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerElement);
        var sizes = shape.ToList();
        foreach (var s in sizes) ArgumentOutOfRangeException.ThrowIfNegative(s, nameof(shape));
        return Saturating.Multiply(Saturating.Product(sizes), bytesPerElement);
    }

    /// <summary>The parameters of dense layers sizes[0] -&gt; sizes[1] -&gt; ...: sum_i (sizes[i] + 1) sizes[i + 1], saturating.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    public static long DenseParameters(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        long count = 0;
        for (var i = 0; i < sizes.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(sizes[i], nameof(sizes));
            if (i + 1 < sizes.Count) count = Saturating.Add(count, Saturating.Multiply((long)sizes[i] + 1, Math.Max(0, sizes[i + 1])));
        }
        return count;
    }

    /// <summary>A sum of byte counts, saturating at <see cref="long.MaxValue"/>.</summary>
    public static long Sum(params ReadOnlySpan<long> bytes)
    {
        long total = 0;
        foreach (var b in bytes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(b, nameof(bytes));
            total = Saturating.Add(total, b);
        }
        return total;
    }

    /// <summary>A product of non-negative sizes, saturating at <see cref="long.MaxValue"/>.</summary>
    public static long Product(params ReadOnlySpan<long> factors)
    {
        var list = new List<long>(factors.Length);
        foreach (var f in factors)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(f, nameof(factors));
            list.Add(f);
        }
        return Saturating.Product(list);
    }
}
