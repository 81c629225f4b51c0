using FsCheck.Xunit;
using RepLearn.Functional.Evaluation;
using RepLearn.Functional.Keys;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.LatentSpace;

/// <summary>AUROC (Mann-Whitney, ties counted half): 1 for a perfect separation, 0 reversed, 0.5 all tied, invariant to increasing maps.</summary>
public class AurocProperties
{
    /// <summary>Scores in {0, ..., 19} (so ties occur) and labels with at least one of each kind.</summary>
    private static (double[] Scores, bool[] Positive) Case(int seed)
    {
        var n = 2 + (int)((uint)seed % 40);
        var key = Key.FromSeed(seed);
        var scores = Sample.Integers(key.FoldIn(0), n, 20).Select(i => (double)i).ToArray();
        var positive = Sample.Uniform(key.FoldIn(1), 1, n).ToArray().Select(u => u < 0.3).ToArray();
        positive[0] = true;
        positive[1] = false;
        return (scores, positive);
    }

    [Property(Replay = Seeds.Replay, MaxTest = 300)]
    public bool Perfect_separation_gives_1_and_its_reverse_0(int seed)
    {
        var (scores, positive) = Case(seed);
        var separated = positive.Select((p, i) => (p ? 100.0 : 0.0) + scores[i]).ToArray();
        var reversed = separated.Select(s => -s).ToArray();
        return Auroc.Compute(separated, positive) == 1.0 && Auroc.Compute(reversed, positive) == 0.0;
    }

    [Property(Replay = Seeds.Replay, MaxTest = 300)]
    public bool All_tied_gives_one_half(int seed)
    {
        var (scores, positive) = Case(seed);
        return Auroc.Compute(scores.Select(_ => scores[0]).ToArray(), positive) == 0.5;
    }

    [Property(Replay = Seeds.Replay, MaxTest = 300)]
    public bool Increasing_transforms_leave_it_unchanged(int seed)
    {
        var (scores, positive) = Case(seed);
        var auc = Auroc.Compute(scores, positive);
        return auc == Auroc.Compute(scores.Select(s => Math.Exp(s / 4) - 7).ToArray(), positive)
            && auc == Auroc.Compute(scores.Select(s => s * s * s + 3 * s).ToArray(), positive);
    }

    [Property(Replay = Seeds.Replay, MaxTest = 300)]
    public bool Equals_the_pair_count_with_ties_as_halves(int seed)
    {
        var (scores, positive) = Case(seed);
        double wins = 0, pairs = 0;
        for (var i = 0; i < scores.Length; i++)
            for (var j = 0; j < scores.Length; j++)
                if (positive[i] && !positive[j])
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
        return Math.Abs(Auroc.Compute(scores, positive) - wins / pairs) < 1e-12;
    }

    [Property(Replay = Seeds.Replay, MaxTest = 300)]
    public bool Swapping_the_labels_gives_one_minus(int seed)
    {
        var (scores, positive) = Case(seed);
        return Math.Abs(Auroc.Compute(scores, positive) + Auroc.Compute(scores, positive.Select(p => !p).ToArray()) - 1) < 1e-12;
    }
}
