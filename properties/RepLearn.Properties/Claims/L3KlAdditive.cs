using RepLearn.Claims;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RepLearn.Functional.Tensors;
using static RepLearn.Claims.ClaimCheck;
using Core = RepLearn.Functional.Objectives.Losses;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L3-kl-additive</b> (Lecture 3): "KL of a diagonal Gaussian is the sum of per-dimension KLs."
/// <para>
/// Method (exact): for generated batches of d-dimensional diagonal Gaussians (d in 1..8, 1..3 rows),
/// the d-dimensional KL of each row equals the sum over j of the KL of the 1-dimensional Gaussian
/// N(mu_j, e^logVar_j), each computed by a separate call on a 1 x 1 tensor — both for the
/// standard-normal prior (<c>GaussianKl(mu, logVar)</c>, every finite input of L3-kl-nonneg
/// including the extremes) and for the general case KL(N1 || N2) (<c>GaussianKl(mu1, lv1, mu2, lv2)</c>,
/// inputs whose KL is finite in double). The terms are all &gt;= 0, so summing them in another
/// order differs only by rounding: the tolerance is d * 2^-52 * sum_j KL_j (a bound on the
/// reordering error of a sum of d non-negative numbers), with no absolute slack.
/// </para>
/// </summary>
public class L3KlAdditive
{
    /// <summary>KL(N(mu, diag sigma^2) || N(0, I)) = sum_j KL(N(mu_j, sigma_j^2) || N(0, 1)).</summary>
    [Property(Replay = "(4049364191,2654435769)", MaxTest = 1000)]
    public Property StandardPriorKlIsSumOfOneDimensionalKls() => Prop.ForAll(ClaimGens.AnyGaussian.ToArbitrary(), c =>
    {
        var kl = Core.GaussianKl(Tensor.FromRows(c.Mu), Tensor.FromRows(c.LogVar));
        for (var r = 0; r < c.Mu.Length; r++)
        {
            var row = r;
            var terms = Enumerable.Range(0, c.Mu[r].Length)
                .Select(j => Core.GaussianKl(Scalar(c.Mu[row][j]), Scalar(c.LogVar[row][j]))[0, 0])
                .ToArray();
            CheckSum(kl[r, 0], terms, $"row {r}");
        }
    });

    /// <summary>KL(N1 || N2) = sum_j KL(N1_j || N2_j) for diagonal N1, N2.</summary>
    [Property(Replay = "(1181783497,2246822519)", MaxTest = 1000)]
    public Property GeneralKlIsSumOfOneDimensionalKls() => Prop.ForAll(ClaimGens.FiniteGaussianPair.ToArbitrary(), c =>
    {
        var kl = Core.GaussianKl(Tensor.FromRows(c.Mu1), Tensor.FromRows(c.LogVar1), Tensor.FromRows(c.Mu2), Tensor.FromRows(c.LogVar2));
        for (var r = 0; r < c.Mu1.Length; r++)
        {
            var row = r;
            var terms = Enumerable.Range(0, c.Mu1[r].Length)
                .Select(j => Core.GaussianKl(Scalar(c.Mu1[row][j]), Scalar(c.LogVar1[row][j]), Scalar(c.Mu2[row][j]), Scalar(c.LogVar2[row][j]))[0, 0])
                .ToArray();
            CheckSum(kl[r, 0], terms, $"row {r}");
        }
    });

    private static Tensor Scalar(double v) => Tensor.Scalar(v);

    private static void CheckSum(double joint, double[] terms, string where)
    {
        That(terms.All(t => double.IsFinite(t) && t >= 0), () => $"{where}: a 1-D KL is negative or not finite: {Show(terms)}");
        var sum = terms.Sum();
        var tolerance = terms.Length * Math.Pow(2, -52) * sum;
        That(double.IsFinite(joint) && Math.Abs(joint - sum) <= tolerance, () =>
            $"{where}: d-dim KL = {Show(joint)} but sum of 1-D KLs = {Show(sum)} (terms {Show(terms)}), " +
            $"|diff| = {Show(Math.Abs(joint - sum))} > {Show(tolerance)}");
    }
}
