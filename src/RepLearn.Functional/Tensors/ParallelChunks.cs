namespace RepLearn.Functional.Tensors;

/// <summary>
/// Element-wise work split across up to <see cref="Gemm.MaxThreads"/> threads (REPLEARN_NUM_THREADS) in fixed ranges.
/// Every element (or row) is computed by the same code whichever range holds it, so the results are the same bits with
/// one thread or many; only large loops split, since a Parallel.For costs about as much as 30,000 element operations.
/// </summary>
internal static class ParallelChunks
{
    /// <summary>Elements each thread gets at least: shorter loops stay on the calling thread.</summary>
    public const int MinPerThread = 1 << 15;

    /// <summary>Range boundaries are multiples of this (a 512-bit vector of floats) when ranges are that long, so vector loops keep whole vectors.</summary>
    public const int Align = 16;

    /// <summary>Runs <paramref name="body"/>(start, count) once per range of <see cref="Ranges"/>, the ranges on parallel threads.</summary>
    /// <param name="length">The number of items (elements, or rows).</param>
    /// <param name="body">Called once per range, possibly on several threads at once.</param>
    /// <param name="grain">The fewest items a thread is given (<see cref="MinPerThread"/> elements by default).</param>
    public static void For(int length, Action<int, int> body, int grain = MinPerThread)
    {
        var ranges = Ranges(length, Gemm.MaxThreads, grain);
        if (ranges.Length == 1) body(0, length);
        else Parallel.For(0, ranges.Length, new ParallelOptions { MaxDegreeOfParallelism = ranges.Length }, t => body(ranges[t].Start, ranges[t].Count));
    }

    /// <summary>
    /// [0, <paramref name="length"/>) in at most <paramref name="threads"/> disjoint, ordered ranges that cover it, each at
    /// least <paramref name="grain"/> long (one range when the length is shorter than two grains), with boundaries on
    /// multiples of <see cref="Align"/> when the grain is at least that.
    /// </summary>
    public static (int Start, int Count)[] Ranges(int length, int threads, int grain)
    {
        var count = (int)Math.Clamp(length / Math.Max(1, (long)grain), 1, Math.Max(1, threads));
        var align = grain >= Align ? Align : 1;
        var ranges = new (int, int)[count];
        for (var t = 0; t < count; t++)
        {
            var start = Boundary(t, count, length, align);
            ranges[t] = (start, Boundary(t + 1, count, length, align) - start);
        }
        return ranges;
    }

    private static int Boundary(int t, int count, int length, int align) =>
        t == count ? length : (int)((long)length * t / count / align * align);
}
