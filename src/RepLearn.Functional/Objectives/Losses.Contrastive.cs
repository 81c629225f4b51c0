namespace RepLearn.Functional.Objectives;

public static partial class Losses
{
    /// <summary>
    /// Row-wise cosine similarity sim(u, v) = u.v / (max(||u||, eps) max(||v||, eps)), clamped to [-1, 1]
    /// (Lecture 4). A zero vector gives 0 and a finite gradient. Result n x 1.
    /// </summary>
    public static Tensor CosineSimilarity(Tensor u, Tensor v)
    {
        Check.SameShape(u, nameof(u), v, nameof(v));
        return Ops.Clamp(Ops.RowDot(Ops.L2NormalizeRows(u), Ops.L2NormalizeRows(v)), -1, 1);
    }

    /// <summary>
    /// InfoNCE with explicit negatives (Lecture 4; van den Oord et al. 2018), per anchor:
    /// L = -log [ e^(s+ / tau) / (e^(s+ / tau) + sum_k e^(s-_k / tau)) ] = LSE([s+, s-_1..K] / tau) - s+ / tau,
    /// with s the cosine similarity. <paramref name="negatives"/> holds anchor i's K negatives in rows
    /// i K .. i K + K - 1. Always &gt;= 0; log(K + 1) - L is a lower bound on I(z; z+).
    /// </summary>
    /// <exception cref="ArgumentException">No anchors; shapes that differ; negatives not anchors x K rows (K &gt;= 1).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A temperature that is not finite and &gt; 0.</exception>
    public static Tensor InfoNce(Tensor anchors, Tensor positives, Tensor negatives, int negativesPerAnchor, double temperature)
    {
        Check.SameShape(anchors, nameof(anchors), positives, nameof(positives));
        Check.Temperature(temperature);
        if (anchors.Rows == 0)
            throw new ArgumentException("anchors has 0 rows; InfoNCE needs at least one anchor", nameof(anchors));
        if (negativesPerAnchor < 1)
            throw new ArgumentOutOfRangeException(nameof(negativesPerAnchor), negativesPerAnchor, $"negativesPerAnchor must be >= 1, got {negativesPerAnchor}");
        var expectedRows = (long)anchors.Rows * negativesPerAnchor;
        if (negatives.Rows != expectedRows || negatives.Cols != anchors.Cols)
            throw new ArgumentException($"negatives must be {expectedRows}x{anchors.Cols} ({negativesPerAnchor} per anchor), got {negatives.ShapeString}", nameof(negatives));
        var za = Ops.L2NormalizeRows(anchors);
        var positive = Ops.RowDot(za, Ops.L2NormalizeRows(positives));
        var negative = Ops.Reshape(Ops.RowDot(Ops.RepeatRows(za, negativesPerAnchor), Ops.L2NormalizeRows(negatives)), anchors.Rows, negativesPerAnchor);
        var logits = Ops.Scale(Ops.Clamp(Ops.ConcatCols(positive, negative), -1, 1), 1 / temperature);
        return InfoNceFromLogits(logits, new int[anchors.Rows]);
    }

    /// <summary>
    /// The log-softmax loss every contrastive objective here reduces to, per row r:
    /// L_r = -log softmax(logits_r)[positives[r]] = LSE_j(logits_rj) - logits_r,positives[r], computed with the stable
    /// <see cref="Ops.LogSumExp"/>. Entries of -inf are excluded candidates (NT-Xent's masked self-similarity).
    /// <see cref="InfoNce"/> (positive in column 0) and <see cref="NtXent"/> (positive the other view) both call it, so
    /// its laws (&gt;= 0; log of the number of finite candidates when they are all equal; unchanged when a constant is
    /// added to every logit) are theirs. Result rows x 1.
    /// </summary>
    /// <param name="logits">One row per anchor: the scores of its candidates (e.g. similarity / tau).</param>
    /// <param name="positives">For each row, the column of its positive; that logit must be finite.</param>
    public static Tensor InfoNceFromLogits(Tensor logits, int[] positives)
    {
        ArgumentNullException.ThrowIfNull(positives);
        if (positives.Length != logits.Rows)
            throw new ArgumentException($"need one positive column per row: {positives.Length} for {logits.Rows} rows", nameof(positives));
        var columns = (int[])positives.Clone(); // the pullback keeps the indices: a caller's later edit must not change it
        for (var r = 0; r < columns.Length; r++)
            if ((uint)columns[r] >= (uint)logits.Cols)
                throw new ArgumentOutOfRangeException(nameof(positives), columns[r], $"positive column for row {r} outside [0, {logits.Cols})");
        return Ops.Sub(Ops.LogSumExp(logits, 1), Ops.PickPerRow(logits, columns));
    }

    /// <summary>
    /// NT-Xent, SimCLR's loss (Chen et al. 2020): the 2N views z = [a; b] are normalised, logits are
    /// s_ij = sim(z_i, z_j) / tau with the self-similarity s_ii masked to -inf after dividing by tau,
    /// and sample i's positive is its other view (i + N mod 2N); per sample
    /// l_i = LSE_j(s_ij) - s_i,pos(i), with 2N - 2 negatives each. Result 2N x 1.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The views differ in shape; fewer than two rows (a sample needs another to be its negative); or more rows than
    /// a 2N x 2N similarity matrix can hold in one array.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A temperature that is not finite and &gt; 0.</exception>
    public static Tensor NtXent(Tensor viewA, Tensor viewB, double temperature)
    {
        Check.SameShape(viewA, nameof(viewA), viewB, nameof(viewB));
        Check.Temperature(temperature);
        var n = viewA.Rows;
        if (n < 2)
            throw new ArgumentException($"viewA has {n} row(s); NT-Xent needs at least 2 (each sample's negatives are the other samples' views)", nameof(viewA));
        if (4L * n * n > Array.MaxLength)
            throw new ArgumentException($"viewA has {n} rows; NT-Xent's {2L * n} x {2L * n} similarity matrix has more entries than one array can hold", nameof(viewA));
        var z = Ops.L2NormalizeRows(Ops.ConcatRows(viewA, viewB));
        var logits = Ops.Scale(Ops.Clamp(Ops.MatMul(z, z, transposeB: true), -1, 1), 1 / temperature);
        var selfMask = Tensor.Create(2 * n, 2 * n, (r, c) => r == c ? double.NegativeInfinity : 0, viewA.DType);
        var masked = Ops.Add(logits, selfMask);
        var positives = Enumerable.Range(0, 2 * n).Select(i => (i + n) % (2 * n)).ToArray();
        return InfoNceFromLogits(masked, positives);
    }
}
