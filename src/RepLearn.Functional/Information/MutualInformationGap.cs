namespace RepLearn.Functional.Information;

/// <summary>
/// The Mutual Information Gap (Chen et al. 2018, "Isolating sources of disentanglement in VAEs"), as in
/// disentanglement_lib: each code dimension is discretised into equal-width bins, and for each ground-truth factor
/// v_k, MIG_k = (I(z_j*; v_k) - I(z_j°; v_k)) / H(v_k) with j* and j° the dimensions of largest and second-largest
/// plug-in mutual information; MIG is the mean over factors. 1 means every factor lives in one dimension of its own.
/// </summary>
public static class MutualInformationGap
{
    /// <summary>MIG of <paramref name="codes"/> (n x d) against discrete factors (each an array of n values).</summary>
    [Pure]
    public static double Compute(Tensor codes, IReadOnlyList<int[]> factors, int bins = 20)
    {
        if (bins < 2) throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be >= 2");
        foreach (var f in factors)
            if (f.Length != codes.Rows) throw new ArgumentException($"a factor has {f.Length} values for {codes.Rows} codes", nameof(factors));
        var discrete = Enumerable.Range(0, codes.Cols).Select(j => Discretise(codes, j, bins)).ToArray();
        var gaps = new List<double>();
        foreach (var factor in factors)
        {
            var entropy = DiscreteInformation.Entropy(factor);
            if (entropy <= 0) continue; // a constant factor carries nothing to capture
            var mi = discrete.Select(z => DiscreteInformation.MutualInformation(z, factor)).OrderDescending().ToArray();
            var second = mi.Length > 1 ? mi[1] : 0;
            gaps.Add((mi[0] - second) / entropy);
        }
        return gaps.Count == 0 ? 0 : gaps.Average();
    }

    /// <summary>
    /// Column j binned into <paramref name="bins"/> equal-width bins over its range (a constant column is one bin), as
    /// disentanglement_lib's utils._histogram_discretize; shared with <see cref="Modularity"/>.
    /// </summary>
    internal static int[] Discretise(Tensor codes, int j, int bins)
    {
        var column = Enumerable.Range(0, codes.Rows).Select(i => codes[i, j]).ToArray();
        var (lo, hi) = (column.Min(), column.Max());
        if (!(hi > lo)) return new int[column.Length];
        return column.Select(v => Math.Min(bins - 1, (int)((v - lo) / (hi - lo) * bins))).ToArray();
    }
}
