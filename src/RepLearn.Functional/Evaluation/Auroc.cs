namespace RepLearn.Functional.Evaluation;

/// <summary>
/// The area under the ROC curve of a score that should be higher for positives (say, anomalies), computed exactly as the
/// Mann-Whitney statistic (Hanley and McNeil 1982): AUROC = P(s+ &gt; s-) + 1/2 P(s+ = s-) over all positive-negative
/// pairs, = (R+ - n+ (n+ + 1) / 2) / (n+ n-) with R+ the sum of the positives' ranks, tied scores sharing their mean rank.
/// 1 is a perfect ranking, 0.5 chance (or all scores tied), 0 a perfectly reversed one; any strictly increasing
/// transform of the scores leaves it unchanged.
/// </summary>
/// <example><code>
/// double auc = Auroc.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]); // 0.75
/// </code></example>
public static class Auroc
{
    /// <summary>AUROC of <paramref name="scores"/> for the rows where <paramref name="positive"/> is true; O(n log n).</summary>
    [Pure]
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
            throw new ArgumentException($"positive has {positive.Length} labels for {scores.Length} scores", nameof(positive));
        long positives = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i])) throw new ArgumentException($"scores[{i}] is NaN; every score must be a number (infinities rank last or first)", nameof(scores));
            if (positive[i]) positives++;
        }
        long negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"AUROC needs at least one positive and one negative row, got {positives} and {negatives}", nameof(positive));
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        // Ranks are 1-based; a run of ties from i to j - 1 shares the mean rank (i + 1 + j) / 2.
        double positiveRankSum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i + 1;
            while (j < order.Length && keys[j] == keys[i]) j++;
            var rank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
                if (positive[order[k]]) positiveRankSum += rank;
            i = j;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
