namespace RepLearn.Functional.Trees;

// Gradient arithmetic, norms and checks, each one line over Map, Zip or Leaves.
public static partial class Tree
{
    /// <summary>Leaf-wise a + b.</summary>
    [Pure]
    public static T Add<T>(T a, T b) where T : ITree<T> => Zip(a, b, static (x, y) => Vectorised(x, y, Kernels.Add));

    /// <summary>Leaf-wise a - b.</summary>
    [Pure]
    public static T Sub<T>(T a, T b) where T : ITree<T> => Zip(a, b, static (x, y) => Vectorised(x, y, Kernels.Subtract));

    /// <summary>Leaf-wise s * a.</summary>
    [Pure]
    public static T Scale<T>(T a, double s) where T : ITree<T> => Map(a, x =>
    {
        var dst = Tensor.NewUninitialized(x.Rows, x.Cols);
        Kernels.Scale(x.Span, s, dst);
        return Tensor.Wrap(x.Rows, x.Cols, dst);
    });

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
            var n = Kernels.Norm(leaf.Span);
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

    private delegate void SpanKernel(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> dst);

    private static Tensor Vectorised(Tensor a, Tensor b, SpanKernel kernel)
    {
        if (!a.SameShape(b)) throw new ArgumentException($"leaf shapes differ: {a.ShapeString} and {b.ShapeString}");
        var dst = Tensor.NewUninitialized(a.Rows, a.Cols);
        kernel(a.Span, b.Span, dst);
        return Tensor.Wrap(a.Rows, a.Cols, dst);
    }

    /// <summary>Element-wise combination of two same-shape constant tensors.</summary>
    internal static Tensor Elementwise(Tensor a, Tensor b, Func<double, double, double> f)
    {
        if (!a.SameShape(b)) throw new ArgumentException($"leaf shapes differ: {a.ShapeString} and {b.ShapeString}");
        var sa = a.Span;
        var sb = b.Span;
        var dst = Tensor.NewUninitialized(a.Rows, a.Cols);
        for (var i = 0; i < dst.Length; i++) dst[i] = f(sa[i], sb[i]);
        return Tensor.Wrap(a.Rows, a.Cols, dst);
    }
}
