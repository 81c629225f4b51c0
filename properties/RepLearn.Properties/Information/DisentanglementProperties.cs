using FsCheck.Xunit;
using RepLearn.Functional.Data;
using RepLearn.Functional.Information;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Information;

/// <summary>
/// Laws of <see cref="Disentanglement.Evaluate"/> on partly disentangled codes of the shapes factors (n = 500, each code
/// dimension its factor plus a random 0.3-weighted mix of the others plus N(0, 0.2^2) noise, drawn from the generated
/// seed): every score is in [0, 1]; permuting the code dimensions and rescaling each by a positive factor in [0.1, 10]
/// leave every score unchanged within 1e-6. Every metric is invariant in exact arithmetic (sorting and sums over
/// dimensions, equal-width bins over each dimension's own range, standardised codes for the lasso and the classifier);
/// the tolerance covers summation order and the lasso's stopping rule (coordinate steps below 1e-10). 6 cases each
/// (each evaluation takes about 0.1 s).
/// </summary>
public sealed class DisentanglementProperties
{
    private const int N = 500;
    private const double Tolerance = 1e-6;

    private static int[][] Factors(Key key) => Shapes.FactorSizes.Select((size, k) => Sample.Integers(key.FoldIn(k), N, size)).ToArray();

    private static Tensor Codes(Key key, int[][] factors)
    {
        var mix = Sample.Normal(key.FoldIn(100), 5, 5);
        var noise = Sample.Normal(key.FoldIn(101), N, 5);
        return Tensor.Create(N, 5, (i, j) =>
        {
            var z = factors[j][i] + 0.2 * noise[i, j];
            for (var k = 0; k < 5; k++) if (k != j) z += 0.3 * mix[j, k] * factors[k][i];
            return z;
        });
    }

    private static (int[][] Factors, Tensor Codes, DisentanglementScores Scores) Case(int seed)
    {
        var key = Key.FromSeed(seed);
        var factors = Factors(key);
        var codes = Codes(key, factors);
        return (factors, codes, Disentanglement.Evaluate(codes, factors, Key.FromSeed(7)));
    }

    private static void AssertClose(DisentanglementScores expected, DisentanglementScores actual)
    {
        foreach (var ((name, e), (_, a)) in expected.Rows.Zip(actual.Rows))
            Assert.True(Math.Abs(e - a) <= Tolerance, $"{name}: {e} became {a}");
    }

    [Property(MaxTest = 6, Replay = Seeds.Replay)]
    public void Every_score_is_in_the_unit_interval(int seed)
    {
        foreach (var (name, value) in Case(seed).Scores.Rows) Assert.InRange(value, 0.0, 1.0);
        var noise = Disentanglement.Evaluate(Sample.Normal(Key.FromSeed(seed), N, 3), Factors(Key.FromSeed(seed)), Key.FromSeed(7));
        foreach (var (name, value) in noise.Rows) Assert.InRange(value, 0.0, 1.0);
    }

    [Property(MaxTest = 6, Replay = Seeds.Replay)]
    public void Permuting_the_code_dimensions_changes_no_score(int seed)
    {
        var (factors, codes, scores) = Case(seed);
        var perm = Sample.Permutation(Key.FromSeed(seed).FoldIn(200), codes.Cols);
        var permuted = Tensor.Create(codes.Rows, codes.Cols, (i, j) => codes[i, perm[j]]);
        AssertClose(scores, Disentanglement.Evaluate(permuted, factors, Key.FromSeed(7)));
    }

    [Property(MaxTest = 6, Replay = Seeds.Replay)]
    public void Rescaling_each_code_dimension_changes_no_score(int seed)
    {
        var (factors, codes, scores) = Case(seed);
        var scales = Sample.Uniform(Key.FromSeed(seed).FoldIn(300), 1, codes.Cols);
        var rescaled = Tensor.Create(codes.Rows, codes.Cols, (i, j) => codes[i, j] * Math.Pow(10, 2 * scales[0, j] - 1));
        AssertClose(scores, Disentanglement.Evaluate(rescaled, factors, Key.FromSeed(7)));
    }
}
