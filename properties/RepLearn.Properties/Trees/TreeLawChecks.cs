using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Properties.Trees;

/// <summary>
/// The leaf functions a law is checked with: <see cref="F"/> and <see cref="G"/> for Map,
/// <see cref="H"/> (not symmetric, so a swapped Zip shows) for Zip.
/// </summary>
public sealed record LawFunctions(Func<Tensor, Tensor> F, Func<Tensor, Tensor> G, Func<Tensor, Tensor, Tensor> H)
{
    /// <summary>F = tanh, G = 2x + 1, H = 2x - tanh y: the functions for every tree.</summary>
    public static readonly LawFunctions General = new(
        t => Ops.Tanh(t),
        t => Ops.AddScalar(Ops.Scale(t, 2), 1),
        (x, y) => Ops.Sub(Ops.Scale(x, 2), Ops.Tanh(y)));

    /// <summary>
    /// F = 2x + 1, G = x^2, H = x + 2y: they take whole numbers &gt;= 0 to whole numbers &gt;= 0, so
    /// they keep an optimizer state's step counts (1 x 1 leaves that <see cref="OptState.WithLeaves"/>
    /// rejects unless whole) valid. Needed for a <see cref="Functional.Training.TrainingState{T}"/> that
    /// has taken a step: Map with tanh throws there (see <c>TreeLaws.SteppedStateGeneralFunctions</c>).
    /// </summary>
    public static readonly LawFunctions WholeNumberSafe = new(
        t => Ops.AddScalar(Ops.Scale(t, 2), 1),
        t => Ops.Mul(t, t),
        (x, y) => Ops.Add(x, Ops.Scale(y, 2)));
}

/// <summary>
/// The <see cref="ITree{TSelf}"/> laws (and <see cref="OptState"/>'s flattening laws), written once
/// for every tree type. Leaves are compared bit for bit (NaN payloads and the sign of zero included).
/// Each law is a method returning true when it holds; <see cref="AllLaws{T}"/> and
/// <see cref="AllOptStateLaws"/> check them all at once as one labelled property, so that a test is
/// one line per instance.
/// </summary>
public static class TreeLawChecks
{
    /// <summary>
    /// Every tree law for <paramref name="tree"/>, with <paramref name="other"/> (same structure,
    /// other values) for the Zip laws and <paramref name="pick"/> choosing the mis-shaped leaf.
    /// A failing property names the laws that failed (and what a throwing law threw).
    /// </summary>
    public static Property AllLaws<T>(T tree, T other, int pick, LawFunctions? fns = null) where T : ITree<T> =>
        Law("Map identity", () => MapIdentity(tree))
            .And(Law("Map composition", () => MapComposition(tree, fns)))
            .And(Law("Leaves of Map", () => LeavesOfMap(tree, fns)))
            .And(Law("paths unique and stable under Map", () => PathsUniqueAndStable(tree, fns)))
            .And(Law("Zip(t, t, first) == t", () => ZipSelfFirst(tree)))
            .And(Law("Zip leaf-wise", () => ZipLeafwise(tree, other, fns)))
            .And(Law("Zip element-wise (Tree.Add, Tree.Sub)", () => ZipElementwise(tree, other)))
            .And(Law("Unflatten inverts Leaves", () => UnflattenInvertsLeaves(tree, other)))
            .And(Law("Unflatten rejects a wrong leaf count", () => UnflattenRejectsWrongCount(tree)))
            .And(Law("Unflatten rejects a wrong shape", () => UnflattenRejectsWrongShape(tree, pick)));

    /// <summary>Every <see cref="OptState"/> law for <paramref name="state"/>.</summary>
    public static Property AllOptStateLaws(OptState state) =>
        Law("WithLeaves(Leaves()) round trip", () => WithLeavesRoundTrip(state))
            .And(Law("paths unique", () => OptStatePathsUnique(state)));

    /// <summary>The check as a property labelled <paramref name="name"/>; an exception fails it, named in the label.</summary>
    public static Property Law(string name, Func<bool> check)
    {
        try
        {
            return Prop.Label(check(), name);
        }
        catch (Exception e)
        {
            return Prop.Label(false, $"{name}: threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Same shape and the same 64-bit patterns.</summary>
    public static bool SameBits(Tensor a, Tensor b) =>
        a.SameShape(b) && MemoryMarshal.Cast<double, long>(a.Span).SequenceEqual(MemoryMarshal.Cast<double, long>(b.Span));

    /// <summary>Two leaf sequences with the same count, the same paths in the same order and bit-identical leaves.</summary>
    public static bool SameLeaves(IEnumerable<(string Path, Tensor Leaf)> a, IEnumerable<(string Path, Tensor Leaf)> b)
    {
        var la = a.ToList();
        var lb = b.ToList();
        return la.Count == lb.Count && la.Zip(lb, (p, q) => p.Path == q.Path && SameBits(p.Leaf, q.Leaf)).All(ok => ok);
    }

    /// <summary>Two trees with the same paths and bit-identical leaves.</summary>
    public static bool SameTree<T>(T a, T b) where T : ITree<T> => SameLeaves(T.Leaves(a), T.Leaves(b));

    /// <summary>The leaves, without their paths.</summary>
    public static List<Tensor> LeavesOf<T>(T t) where T : ITree<T> => [.. T.Leaves(t).Select(l => l.Leaf)];

    /// <summary>Map(t, x => x) == t.</summary>
    public static bool MapIdentity<T>(T t) where T : ITree<T> => SameTree(T.Map(t, x => x), t);

    /// <summary>Map(Map(t, F), G) == Map(t, x => G(F(x))).</summary>
    public static bool MapComposition<T>(T t, LawFunctions? fns = null) where T : ITree<T>
    {
        var (f, g, _) = fns ?? LawFunctions.General;
        return SameTree(T.Map(T.Map(t, f), g), T.Map(t, x => g(f(x))));
    }

    /// <summary>Leaves(Map(t, F)) is Leaves(t) with F applied to each leaf: same count, same paths, same order.</summary>
    public static bool LeavesOfMap<T>(T t, LawFunctions? fns = null) where T : ITree<T>
    {
        var f = (fns ?? LawFunctions.General).F;
        return SameLeaves(T.Leaves(T.Map(t, f)), T.Leaves(t).Select(l => (l.Path, f(l.Leaf))));
    }

    /// <summary>Paths are distinct, and Map leaves them (and their order) unchanged.</summary>
    public static bool PathsUniqueAndStable<T>(T t, LawFunctions? fns = null) where T : ITree<T>
    {
        var paths = T.Leaves(t).Select(l => l.Path).ToList();
        var mapped = T.Leaves(T.Map(t, (fns ?? LawFunctions.General).F)).Select(l => l.Path);
        return paths.Distinct().Count() == paths.Count && paths.SequenceEqual(mapped);
    }

    /// <summary>Zip(t, t, (a, _) => a) == t.</summary>
    public static bool ZipSelfFirst<T>(T t) where T : ITree<T> => SameTree(T.Zip(t, t, (a, _) => a), t);

    /// <summary>
    /// Zip works leaf by leaf: Leaves(Zip(a, b, H)) pairs Leaves(a) and Leaves(b) in order, with a's
    /// paths and H(leaf of a, leaf of b), and has as many leaves as a and b.
    /// </summary>
    public static bool ZipLeafwise<T>(T a, T b, LawFunctions? fns = null) where T : ITree<T>
    {
        var h = (fns ?? LawFunctions.General).H;
        var la = T.Leaves(a).ToList();
        var lb = T.Leaves(b).ToList();
        return la.Count == lb.Count && SameLeaves(T.Leaves(T.Zip(a, b, h)), la.Zip(lb, (p, q) => (p.Path, h(p.Leaf, q.Leaf))));
    }

    /// <summary>
    /// Tree.Add and Tree.Sub (Zip with vectorised kernels) agree element by element, bit for bit,
    /// with the scalar a[i] + b[i] and a[i] - b[i].
    /// </summary>
    public static bool ZipElementwise<T>(T a, T b) where T : ITree<T>
    {
        static bool Agrees(T sum, T a, T b, Func<double, double, double> op) =>
            SameLeaves(T.Leaves(sum), T.Leaves(a).Zip(T.Leaves(b), (p, q) =>
                (p.Path, Tensor.Create(p.Leaf.Rows, p.Leaf.Cols, (r, c) => op(p.Leaf[r, c], q.Leaf[r, c])))));
        return Agrees(Tree.Add(a, b), a, b, (x, y) => x + y) && Agrees(Tree.Sub(a, b), a, b, (x, y) => x - y);
    }

    /// <summary>
    /// Unflatten(template, leaves of t) == t for the templates t, ZerosLike(t) and <paramref name="other"/>
    /// (same structure as t, other values), so every leaf comes from the list and none from the template.
    /// </summary>
    public static bool UnflattenInvertsLeaves<T>(T t, T other) where T : ITree<T>
    {
        var leaves = LeavesOf(t);
        return SameTree(Tree.Unflatten(t, leaves), t) && SameTree(Tree.Unflatten(Tree.ZerosLike(t), leaves), t)
            && SameTree(Tree.Unflatten(other, leaves), t);
    }

    /// <summary>Unflatten throws an ArgumentException for one leaf too few and one too many.</summary>
    public static bool UnflattenRejectsWrongCount<T>(T t) where T : ITree<T>
    {
        var leaves = LeavesOf(t);
        return Throws<ArgumentException>(() => Tree.Unflatten(t, leaves[..^1]))
            && Throws<ArgumentException>(() => Tree.Unflatten(t, [.. leaves, leaves[0]]));
    }

    /// <summary>
    /// Unflatten throws an ArgumentException when leaf <c>pick mod count</c> has one row or one
    /// column too many (which, by <c>pick / count</c>), all other leaves being right.
    /// </summary>
    public static bool UnflattenRejectsWrongShape<T>(T t, int pick) where T : ITree<T>
    {
        var leaves = LeavesOf(t);
        var i = pick % leaves.Count;
        var like = leaves[i];
        leaves[i] = (pick / leaves.Count) % 2 == 0 ? Tensor.Zeros(like.Rows + 1, like.Cols) : Tensor.Zeros(like.Rows, like.Cols + 1);
        return Throws<ArgumentException>(() => Tree.Unflatten(t, leaves));
    }

    /// <summary>
    /// s.WithLeaves(s.Leaves()) has the same type, paths and bit-identical leaves as s, and takes
    /// exactly the state's leaves from the enumerator (none left over).
    /// </summary>
    public static bool WithLeavesRoundTrip(OptState s)
    {
        using IEnumerator<Tensor> leaves = s.Leaves().Select(l => l.Leaf).ToList().GetEnumerator();
        var back = s.WithLeaves(leaves);
        return back.GetType() == s.GetType() && SameLeaves(back.Leaves(), s.Leaves()) && !leaves.MoveNext();
    }

    /// <summary>An optimizer state's paths are distinct.</summary>
    public static bool OptStatePathsUnique(OptState s)
    {
        var paths = s.Leaves().Select(l => l.Path).ToList();
        return paths.Distinct().Count() == paths.Count;
    }

    private static bool Throws<TException>(Action act) where TException : Exception
    {
        try
        {
            act();
            return false;
        }
        catch (TException)
        {
            return true;
        }
    }
}
