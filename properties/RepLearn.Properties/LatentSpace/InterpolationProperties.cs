using FsCheck.Xunit;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Latent;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.LatentSpace;

/// <summary>Interpolation and traversal laws: exact ends, slerp on the circle of equal-norm codes, traversal touches one column.</summary>
public class InterpolationProperties
{
    private static double[] Code(int seed, int salt, int d) => Sample.Normal(Key.FromSeed(seed).FoldIn(salt), 1, d).ToArray();

    private static int Width(int seed) => 1 + (int)((uint)seed % 12);

    private static int Steps(int seed) => 2 + (int)((uint)seed / 7 % 9);

    [Property(Replay = Seeds.Replay, MaxTest = 200)]
    public bool Linear_and_spherical_paths_start_and_end_exactly_at_the_codes(int seed)
    {
        var (a, b) = (Code(seed, 0, Width(seed)), Code(seed, 1, Width(seed)));
        foreach (var path in new[] { Interpolation.Linear(a, b, Steps(seed)), Interpolation.Spherical(a, b, Steps(seed)) })
            if (!path.Row(0).SequenceEqual(a) || !path.Row(path.Rows - 1).SequenceEqual(b) || path.Rows != Steps(seed)) return false;
        return true;
    }

    [Property(Replay = Seeds.Replay, MaxTest = 200)]
    public bool Linear_path_is_evenly_spaced(int seed)
    {
        var (a, b) = (Code(seed, 0, Width(seed)), Code(seed, 1, Width(seed)));
        var steps = Steps(seed);
        var path = Interpolation.Linear(a, b, steps);
        for (var k = 0; k < steps; k++)
            for (var j = 0; j < a.Length; j++)
            {
                var expected = a[j] + (b[j] - a[j]) * k / (steps - 1);
                if (Math.Abs(path[k, j] - expected) > 1e-12 * (1 + Math.Abs(a[j]) + Math.Abs(b[j]))) return false;
            }
        return true;
    }

    [Property(Replay = Seeds.Replay, MaxTest = 200)]
    public bool Slerp_between_codes_of_equal_norm_stays_on_their_circle(int seed)
    {
        var d = 1 + Width(seed);
        var a = Code(seed, 0, d);
        var b = Code(seed, 1, d);
        var (na, nb) = (Norm(a), Norm(b));
        for (var j = 0; j < d; j++) b[j] *= na / nb; // |b| = |a|
        var path = Interpolation.Spherical(a, b, Steps(seed) + 3);
        for (var k = 0; k < path.Rows; k++)
            if (Math.Abs(Norm(path.Row(k)) - na) > 1e-9 * na) return false;
        return true;
    }

    [Property(Replay = Seeds.Replay, MaxTest = 200)]
    public bool Traversal_sets_one_dimension_and_copies_the_rest(int seed)
    {
        var d = Width(seed);
        var code = Code(seed, 0, d);
        var dim = (int)((uint)seed / 13 % d);
        var values = Code(seed, 2, Steps(seed));
        var rows = Traversal.Sweep(code, dim, values);
        for (var k = 0; k < values.Length; k++)
            for (var j = 0; j < d; j++)
                if (BitConverter.DoubleToInt64Bits(rows[k, j]) != BitConverter.DoubleToInt64Bits(j == dim ? values[k] : code[j])) return false;
        return true;
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (var x in v) s += x * x;
        return Math.Sqrt(s);
    }
}
