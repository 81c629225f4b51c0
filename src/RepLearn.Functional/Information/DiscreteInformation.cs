namespace RepLearn.Functional.Information;

/// <summary>
/// Plug-in (empirical) entropies and mutual information of discrete data, in nats (Lecture 1's
/// sufficiency I(y; x) = I(y; z)). The n observations define the empirical distribution
/// p(a) = c_a / n; every quantity below is the exact information measure of that distribution
/// (Cover and Thomas 2006, "Elements of Information Theory", ch. 2), so the data-processing
/// inequality I(y; f(x)) &lt;= I(y; x) holds for it exactly, not just in expectation.
/// <para>
/// Symbols are compared with the given equality comparer (the default one when null). Each result
/// is a sum of one term per occupied cell; the terms are summed in ascending order, so the result
/// depends only on the multiset of cell counts and is bitwise unchanged when either variable is
/// relabelled by an injective map.
/// </para>
/// </summary>
/// <example><code>
/// int[] x = [0, 0, 1, 1], y = [0, 0, 1, 1];
/// DiscreteInformation.MutualInformation(x, y);   // ln 2
/// DiscreteInformation.Entropy(x);                // ln 2
/// </code></example>
public static class DiscreteInformation
{
    /// <summary>
    /// H(X) = -sum_a p(a) log p(a) = sum_a (c_a / n) log(n / c_a) nats over the empirical distribution
    /// of <paramref name="x"/> (n &gt;= 1 observations). Result in [0, log n].
    /// </summary>
    [Pure]
    public static double Entropy<T>(IReadOnlyList<T> x, IEqualityComparer<T>? comparer = null) where T : notnull
    {
        RequireNonEmpty(x.Count, nameof(x));
        double n = x.Count;
        return SortedSum(Counts(x, comparer).Values.Select(c => c / n * Math.Log(n / c)));
    }

    /// <summary>
    /// I(X; Y) = sum_{a,b} p(a, b) log[p(a, b) / (p(a) p(b))] = sum_{a,b} (c_ab / n) log(n c_ab / (c_a c_b)) nats,
    /// the plug-in mutual information of the paired observations (x_i, y_i). The sum is &gt;= 0 in exact
    /// arithmetic; a negative rounding residue is returned as 0. Result in [0, min(H(X), H(Y))].
    /// </summary>
    [Pure]
    public static double MutualInformation<TX, TY>(IReadOnlyList<TX> x, IReadOnlyList<TY> y,
        IEqualityComparer<TX>? xComparer = null, IEqualityComparer<TY>? yComparer = null)
        where TX : notnull where TY : notnull
    {
        var (n, joint, xCounts, yCounts) = PairCounts(x, y, xComparer, yComparer);
        var sum = SortedSum(joint.Select(kv => kv.Value / n * Math.Log(n * kv.Value / ((double)xCounts[kv.Key.X] * yCounts[kv.Key.Y]))));
        return Math.Max(0, sum);
    }

    /// <summary>
    /// H(Y | X) = sum_{a,b} p(a, b) log[p(a) / p(a, b)] = sum_{a,b} (c_ab / n) log(c_a / c_ab) nats, the plug-in
    /// conditional entropy (0 exactly when y is a function of x on the data). Result &gt;= 0.
    /// </summary>
    [Pure]
    public static double ConditionalEntropy<TY, TX>(IReadOnlyList<TY> y, IReadOnlyList<TX> x,
        IEqualityComparer<TY>? yComparer = null, IEqualityComparer<TX>? xComparer = null)
        where TY : notnull where TX : notnull
    {
        var (n, joint, xCounts, _) = PairCounts(x, y, xComparer, yComparer);
        return SortedSum(joint.Select(kv => kv.Value / n * Math.Log((double)xCounts[kv.Key.X] / kv.Value)));
    }

    /// <summary>
    /// One symbol per row of <paramref name="rows"/>: rows i and j get the same integer iff they are equal
    /// entry by entry (<c>double.Equals</c>: 0.0 equals -0.0, NaN equals NaN). Symbols are numbered 0, 1, ...
    /// in order of first appearance. Use it to take the information of a real-valued representation
    /// z = f(x) whose values are a finite set (a discrete x, an exactly invariant encoder).
    /// </summary>
    [Pure]
    public static int[] RowSymbols(Tensor rows)
    {
        var ids = new Dictionary<double[], int>(RowComparer.Instance);
        var result = new int[rows.Rows];
        for (var i = 0; i < rows.Rows; i++)
        {
            var row = rows.Row(i).ToArray();
            if (!ids.TryGetValue(row, out var id)) ids[row] = id = ids.Count;
            result[i] = id;
        }
        return result;
    }

    private static Dictionary<T, int> Counts<T>(IReadOnlyList<T> x, IEqualityComparer<T>? comparer) where T : notnull
    {
        var counts = new Dictionary<T, int>(comparer ?? EqualityComparer<T>.Default);
        foreach (var v in x) counts[v] = counts.GetValueOrDefault(v) + 1;
        return counts;
    }

    // Dense codes 0..m-1 for the symbols, and the count of each code.
    private static (int[] Ids, List<int> Counts) Codes<T>(IReadOnlyList<T> x, IEqualityComparer<T>? comparer) where T : notnull
    {
        var codes = new Dictionary<T, int>(comparer ?? EqualityComparer<T>.Default);
        var counts = new List<int>();
        var ids = new int[x.Count];
        for (var i = 0; i < x.Count; i++)
        {
            if (!codes.TryGetValue(x[i], out var id))
            {
                codes[x[i]] = id = codes.Count;
                counts.Add(0);
            }
            counts[id]++;
            ids[i] = id;
        }
        return (ids, counts);
    }

    // The paired observations (x_i, y_i) counted: n, c_ab per occupied cell (a, b as dense codes), and the marginal counts c_a, c_b.
    private static (double N, Dictionary<(int X, int Y), int> Joint, List<int> XCounts, List<int> YCounts) PairCounts<TX, TY>(IReadOnlyList<TX> x, IReadOnlyList<TY> y,
        IEqualityComparer<TX>? xComparer, IEqualityComparer<TY>? yComparer)
        where TX : notnull where TY : notnull
    {
        RequirePaired(x.Count, y.Count);
        var (xIds, xCounts) = Codes(x, xComparer);
        var (yIds, yCounts) = Codes(y, yComparer);
        return (x.Count, JointCounts(xIds, yIds), xCounts, yCounts);
    }

    private static Dictionary<(int X, int Y), int> JointCounts(int[] xIds, int[] yIds)
    {
        var joint = new Dictionary<(int X, int Y), int>();
        for (var i = 0; i < xIds.Length; i++)
        {
            var key = (xIds[i], yIds[i]);
            joint[key] = joint.GetValueOrDefault(key) + 1;
        }
        return joint;
    }

    private static double SortedSum(IEnumerable<double> terms)
    {
        var sorted = terms.ToArray();
        Array.Sort(sorted);
        var sum = 0.0;
        foreach (var t in sorted) sum += t;
        return sum;
    }

    private static void RequireNonEmpty(int count, string name)
    {
        if (count < 1) throw new ArgumentException("at least one observation is needed", name);
    }

    private static void RequirePaired(int xCount, int yCount)
    {
        RequireNonEmpty(xCount, "x");
        if (xCount != yCount) throw new ArgumentException($"x has {xCount} observations but y has {yCount}; they must be paired", "y");
    }

    /// <summary>Entry-wise <c>double.Equals</c> of equal-length rows.</summary>
    private sealed class RowComparer : IEqualityComparer<double[]>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(double[]? a, double[]? b)
        {
            if (ReferenceEquals(a, b)) return true;
            if (a is null || b is null || a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++)
                if (!a[i].Equals(b[i])) return false;
            return true;
        }

        public int GetHashCode(double[] row)
        {
            var hash = new HashCode();
            foreach (var v in row) hash.Add(v);
            return hash.ToHashCode();
        }
    }
}
