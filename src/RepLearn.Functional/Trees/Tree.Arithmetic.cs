using System.Numerics;
namespace RepLearn.Functional.Trees;

// Gradient arithmetic, norms and checks, each one line over Map, Zip or Leaves.
public static partial class Tree
{
    /// <summary>Leaf-wise a + b.</summary>
    [Pure]
    public static T Add<T>(T a, T b) where T : ITree<T> => Zip(a, b, static (x, y) => Vectorised<AddOp>(x, y));

    /// <summary>Leaf-wise a - b.</summary>
    [Pure]
    public static T Sub<T>(T a, T b) where T : ITree<T> => Zip(a, b, static (x, y) => Vectorised<SubtractOp>(x, y));

    /// <summary>Leaf-wise s * a (s rounded to each leaf's dtype).</summary>
    [Pure]
    public static T Scale<T>(T a, double s) where T : ITree<T> =>
        Map(a, x => x.DType == DType.Float32 ? Ops.Scaled<float>(x, s) : Ops.Scaled<double>(x, s));

    /// <summary>The tree with every leaf in <paramref name="dtype"/> (float64 to float32 rounds to nearest; float32 to float64 is exact).</summary>
    [Pure]
    public static T AsType<T>(T tree, DType dtype) where T : ITree<T> => Map(tree, x => x.AsType(dtype));

    /// <summary>A tree of zeros shaped like <paramref name="like"/> (counts and static data as <paramref name="like"/>'s).</summary>
    [Pure]
    public static T ZerosLike<T>(T like) where T : ITree<T> => Map(like, Tensor.ZerosLike);

    /// <summary>sqrt(sum over all leaves of sum x^2): the global L2 norm used by gradient clipping.</summary>
    [Pure]
    public static double GlobalNorm<T>(T tree) where T : ITree<T>
    {
        // sqrt(sum_l ||l||^2), combined as norms so that huge or tiny gradients neither overflow nor underflow.
        var norm = 0.0;
        foreach (var (_, leaf) in Leaves(tree))
        {
            var n = leaf.DType == DType.Float32 ? Kernels.Norm(leaf.SpanF32) : Kernels.Norm(leaf.Span);
            var (big, small) = norm >= n ? (norm, n) : (n, norm);
            norm = big == 0 ? 0 : big * Math.Sqrt(1 + (small / big) * (small / big));
        }
        return norm;
    }

    /// <summary>True when every element of every leaf is finite.</summary>
    [Pure]
    public static bool AllFinite<T>(T tree) where T : ITree<T> => Leaves(tree).All(l => l.Leaf.AllFinite());

    /// <summary>True when |x| &lt;= <paramref name="bound"/> for every element x of every leaf (false for NaN).</summary>
    [Pure]
    public static bool AllAbsAtMost<T>(T tree, double bound) where T : ITree<T> => Leaves(tree).All(l => l.Leaf.AllAbsAtMost(bound));

    /// <summary>Total number of scalars in the tree's leaves.</summary>
    [Pure]
    public static long ParameterCount<T>(T tree) where T : ITree<T> => Leaves(tree).Sum(l => (long)l.Leaf.Length);

    private static Tensor Vectorised<TOp>(Tensor a, Tensor b) where TOp : IArithmetic
    {
        if (!a.SameShape(b)) throw new ArgumentException($"leaf shapes differ: {a.ShapeString} and {b.ShapeString}");
        DTypes.RequireSame(a, b, "leaf-wise arithmetic");
        return Ops.Combine<TOp>(a, b);
    }

    /// <summary>Element-wise combination of two same-shape constant tensors (float32 through double, rounded once; see <see cref="Ops"/>).</summary>
    internal static Tensor Elementwise(Tensor a, Tensor b, Func<double, double, double> f)
    {
        if (!a.SameShape(b)) throw new ArgumentException($"leaf shapes differ: {a.ShapeString} and {b.ShapeString}");
        return Ops.Zip(a, b, f);
    }
}
