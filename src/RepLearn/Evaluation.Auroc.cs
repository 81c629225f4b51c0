using CoreAuroc = RepLearn.Functional.Evaluation.Auroc;

namespace RepLearn;

public static partial class Evaluation
{
    /// <summary>
    /// The area under the ROC curve of <paramref name="scores"/> for finding the rows where <paramref name="positive"/> is true
    /// (higher score = more likely positive), as the Mann-Whitney statistic P(s+ &gt; s-) + 1/2 P(s+ = s-): 1 a perfect
    /// ranking, 0.5 chance, 0 reversed; unchanged by any increasing transform of the scores.
    /// </summary>
    /// <example><code>
    /// var scores = vae.Scores(test);
    /// double auc = Evaluation.Auroc(scores.NegativeElbo!, isAnomaly);
    /// </code></example>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN, or there is no positive or no negative row.</exception>
    public static double Auroc(double[] scores, bool[] positive)
    {
        Check.NotNull(scores, nameof(scores));
        Check.NotNull(positive, nameof(positive));
        return CoreAuroc.Compute(scores, positive);
    }
}
