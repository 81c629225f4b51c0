using RepLearn.Claims;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using static RepLearn.Claims.ClaimCheck;
using Core = RepLearn.Functional.Objectives.Losses;
using Facade = RepLearn.Losses;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L4-infonce-range</b> (Lecture 4): "InfoNCE &gt;= 0; it equals log(K+1) when all similarities
/// are equal; it is invariant to adding a constant to all logits."
/// Per anchor, with logits l = [s+, s-_1..K] / tau, L = -log softmax(l)_0 = LSE(l) - l_0.
/// <para>
/// Method (exact). Range: on generated batches (N in 1..4 anchors, K in 1..8, width 1..6, zero
/// vectors included, tau in [1e-4, 1e4]) every per-anchor loss of the core (<c>Losses.InfoNce</c>)
/// and the facade's mean are finite and &gt;= 0 — with no tolerance, since the stable LSE is
/// m + log(sum e^(l - m)) with a sum &gt;= e^(l_0 - m) and m &gt;= l_0.
/// Equal similarities: when, for each anchor, the positive and all K negatives are one shared
/// vector, or the anchor is the zero vector, or the positive and negatives are all zero vectors,
/// every logit of the row is the same number l and the loss equals log(K+1) up to the rounding
/// of (l + log(K+1)) - l, i.e. within 4 2^-53 (|l| + log(K+1)), |l| &lt;= 1/tau.
/// Shift invariance is a statement about the log-softmax form, and similarities (cosines) cannot
/// be shifted by a constant, so it is checked at the logit level, on the very expression the core
/// evaluates: LSE(l + c) - (l_0 + c) = LSE(l) - l_0 with <c>Ops.LogSumExp</c>, for generated rows
/// of K + 1 logits (|l| up to 1e4, the range of sim / tau for tau &gt;= 1e-4) and shifts |c| up to
/// 1e6, within 8 2^-53 (max|l| + |c| + log(K+1)) — the rounding of forming l + c.
/// </para>
/// </summary>
public class L4InfoNceRange
{
    internal static Tensor PerAnchor(ContrastiveCase c, double? temperature = null) =>
        Core.InfoNce(Tensor.FromRows(c.Anchors), Tensor.FromRows(c.Positives), Tensor.FromRows(c.Negatives), c.K, temperature ?? c.Temperature);

    internal static double FacadeMean(ContrastiveCase c, double? temperature = null) =>
        Facade.InfoNce(c.Anchors, c.Positives,
            Enumerable.Range(0, c.Anchors.Length).Select(i => c.Negatives.Skip(i * c.K).Take(c.K).ToArray()).ToArray(),
            temperature ?? c.Temperature);

    /// <summary>InfoNCE &gt;= 0 (per anchor, and the facade's mean).</summary>
    [Property(Replay = "(5489,1812433253)", MaxTest = 1000)]
    public Property InfoNceIsNonNegative() => Prop.ForAll(ClaimGens.Contrastive.ToArbitrary(), c =>
    {
        var loss = PerAnchor(c);
        for (var i = 0; i < loss.Rows; i++)
        {
            var l = loss[i, 0];
            That(double.IsFinite(l) && l >= 0, () => $"anchor {i}: InfoNCE = {Show(l)}");
        }
        var mean = FacadeMean(c);
        That(double.IsFinite(mean) && mean >= 0, () => $"facade InfoNCE = {Show(mean)}");
    });

    /// <summary>InfoNCE = log(K+1) when all of an anchor's similarities are equal.</summary>
    [Property(Replay = "(2147483647,16807)", MaxTest = 1000)]
    public Property InfoNceIsLogKPlusOneWhenSimilaritiesAreEqual() => Prop.ForAll(ClaimGens.EqualSimilarities.ToArbitrary(), c =>
    {
        var expected = Math.Log(c.K + 1);
        var tolerance = 4 * Math.Pow(2, -53) * (1 / c.Temperature + expected);
        var loss = PerAnchor(c);
        for (var i = 0; i < loss.Rows; i++)
            Close(loss[i, 0], expected, tolerance, $"anchor {i}: InfoNCE vs log(K+1)");
        Close(FacadeMean(c), expected, tolerance, "facade InfoNCE vs log(K+1)");
    });

    /// <summary>LSE(l + c) - (l_0 + c) = LSE(l) - l_0: the loss depends on the logits only up to a common shift.</summary>
    [Property(Replay = "(4294967291,2971215073)", MaxTest = 1000)]
    public Property LogSoftmaxLossIsInvariantToShiftingAllLogits() => Prop.ForAll(ClaimGens.Logits.ToArbitrary(), c =>
    {
        var logits = Tensor.FromRows(c.Logits);
        var shifted = Ops.AddScalar(logits, c.Shift);
        var loss = Ops.Sub(Ops.LogSumExp(logits, 1), Ops.SliceCols(logits, 0, 1));
        var lossShifted = Ops.Sub(Ops.LogSumExp(shifted, 1), Ops.SliceCols(shifted, 0, 1));
        for (var r = 0; r < logits.Rows; r++)
        {
            var maxAbs = c.Logits[r].Max(Math.Abs);
            var tolerance = 8 * Math.Pow(2, -53) * (maxAbs + Math.Abs(c.Shift) + Math.Log(logits.Cols));
            That(loss[r, 0] >= 0 && lossShifted[r, 0] >= 0, () => $"row {r}: loss {Show(loss[r, 0])}, shifted {Show(lossShifted[r, 0])}");
            Close(lossShifted[r, 0], loss[r, 0], tolerance, $"row {r}: LSE(l + c) - (l_0 + c) vs LSE(l) - l_0");
        }
    });
}
