using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using RepLearn.Functional.Autodiff;
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
}

/// <summary>
/// The <see cref="ITree{TSelf}"/> laws, written once for every tree type (parameter records, optimizer states, the
/// training state). Two trees are the same when they have the same runtime types, the same flattening (paths, leaf
/// bits — NaN payloads and the sign of zero included — and counts) and the same static data (<see cref="SameTree{T}"/>),
/// so step counts take part in every law. Each law is a method returning true when it holds; <see cref="AllLaws{T}"/>
/// checks them all at once as one labelled property, so that a test is one line per instance.
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
            .And(Law("Map and Zip keep counts and static data", () => MapAndZipKeepCountsAndStatic(tree, other, fns)))
            .And(Law("paths unique and stable under Map", () => PathsUniqueAndStable(tree, fns)))
            .And(Law("Zip(t, t, first) == t", () => ZipSelfFirst(tree)))
            .And(Law("Zip leaf-wise", () => ZipLeafwise(tree, other, fns)))
            .And(Law("Zip element-wise (Tree.Add, Tree.Sub)", () => ZipElementwise(tree, other)))
            .And(Law("Unflatten inverts Leaves", () => UnflattenInvertsLeaves(tree, other)))
            .And(Law("Unflatten(t, Leaves(t), Counts(t)) == t", () => UnflattenInvertsFlatten(tree, other)))
            .And(Law("Unflatten rejects a wrong leaf count", () => UnflattenRejectsWrongCount(tree)))
            .And(Law("Unflatten rejects a wrong shape", () => UnflattenRejectsWrongShape(tree, pick)));


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

    /// <summary>
    /// Two trees with the same runtime types, the same paths, bit-identical leaves, the same counts (at the same
    /// paths) and the same static data.
    /// </summary>
    public static bool SameTree<T>(T a, T b) where T : ITree<T> =>
        SameLeaves(Tree.Leaves(a), Tree.Leaves(b)) && Tree.Counts(a).SequenceEqual(Tree.Counts(b)) && StaticData.Same(a, b);

    /// <summary>The leaves, without their paths.</summary>
    public static List<Tensor> LeavesOf<T>(T t) where T : ITree<T> => [.. Tree.Leaves(t).Select(l => l.Leaf)];

    /// <summary>The counts, without their paths.</summary>
    public static List<long> CountsOf<T>(T t) where T : ITree<T> => [.. Tree.Counts(t).Select(c => c.Count)];

    /// <summary>
    /// Counts(Map(t, F)) == Counts(t) and Counts(Zip(t, o, H)) == Counts(t), with t's static data: counts and static
    /// data are not leaves, so no leaf function reaches them.
    /// </summary>
    public static bool MapAndZipKeepCountsAndStatic<T>(T t, T other, LawFunctions? fns = null) where T : ITree<T>
    {
        var (f, _, h) = fns ?? LawFunctions.General;
        var mapped = Tree.Map(t, f);
        var zipped = Tree.Zip(t, other, h);
        return Tree.Counts(mapped).SequenceEqual(Tree.Counts(t)) && Tree.Counts(zipped).SequenceEqual(Tree.Counts(t))
            && StaticData.Same(mapped, t) && StaticData.Same(zipped, t);
    }

    /// <summary>
    /// Unflatten(template, Leaves(t), Counts(t)) == t for the templates t, ZerosLike(t) and <paramref name="other"/>
    /// with its counts changed: every leaf and every count comes from the flattening, none from the template.
    /// </summary>
    public static bool UnflattenInvertsFlatten<T>(T t, T other) where T : ITree<T>
    {
        var leaves = LeavesOf(t);
        var counts = CountsOf(t);
        var otherCounts = Tree.Unflatten(other, LeavesOf(other), [.. CountsOf(other).Select(c => c + 7)]);
        return SameTree(Tree.Unflatten(t, leaves, counts), t) && SameTree(Tree.Unflatten(Tree.ZerosLike(t), leaves, counts), t)
            && SameTree(Tree.Unflatten(otherCounts, leaves, counts), t);
    }

    /// <summary>Map(t, x => x) == t.</summary>
    public static bool MapIdentity<T>(T t) where T : ITree<T> => SameTree(Tree.Map(t, x => x), t);

    /// <summary>Map(Map(t, F), G) == Map(t, x => G(F(x))).</summary>
    public static bool MapComposition<T>(T t, LawFunctions? fns = null) where T : ITree<T>
    {
        var (f, g, _) = fns ?? LawFunctions.General;
        return SameTree(Tree.Map(Tree.Map(t, f), g), Tree.Map(t, x => g(f(x))));
    }

    /// <summary>Leaves(Map(t, F)) is Leaves(t) with F applied to each leaf: same count, same paths, same order.</summary>
    public static bool LeavesOfMap<T>(T t, LawFunctions? fns = null) where T : ITree<T>
    {
        var f = (fns ?? LawFunctions.General).F;
        return SameLeaves(Tree.Leaves(Tree.Map(t, f)), Tree.Leaves(t).Select(l => (l.Path, f(l.Leaf))));
    }

    /// <summary>Paths of leaves and counts are distinct, and Map leaves them (and their order) unchanged.</summary>
    public static bool PathsUniqueAndStable<T>(T t, LawFunctions? fns = null) where T : ITree<T>
    {
        var paths = Tree.Flatten(t).Select(l => l.Path).ToList(); // counts' paths too: a checkpoint names both
        var mapped = Tree.Flatten(Tree.Map(t, (fns ?? LawFunctions.General).F)).Select(l => l.Path);
        return paths.Distinct().Count() == paths.Count && paths.SequenceEqual(mapped);
    }

    /// <summary>Zip(t, t, (a, _) => a) == t.</summary>
    public static bool ZipSelfFirst<T>(T t) where T : ITree<T> => SameTree(Tree.Zip(t, t, (a, _) => a), t);

    /// <summary>
    /// Zip works leaf by leaf: Leaves(Zip(a, b, H)) pairs Leaves(a) and Leaves(b) in order, with a's
    /// paths and H(leaf of a, leaf of b), and has as many leaves as a and b.
    /// </summary>
    public static bool ZipLeafwise<T>(T a, T b, LawFunctions? fns = null) where T : ITree<T>
    {
        var h = (fns ?? LawFunctions.General).H;
        var la = Tree.Leaves(a).ToList();
        var lb = Tree.Leaves(b).ToList();
        return la.Count == lb.Count && SameLeaves(Tree.Leaves(Tree.Zip(a, b, h)), la.Zip(lb, (p, q) => (p.Path, h(p.Leaf, q.Leaf))));
    }

    /// <summary>
    /// Tree.Add and Tree.Sub (Zip with vectorised kernels) agree element by element, bit for bit,
    /// with the scalar a[i] + b[i] and a[i] - b[i].
    /// </summary>
    public static bool ZipElementwise<T>(T a, T b) where T : ITree<T>
    {
        static bool Agrees(T sum, T a, T b, Func<double, double, double> op) =>
            SameLeaves(Tree.Leaves(sum), Tree.Leaves(a).Zip(Tree.Leaves(b), (p, q) =>
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
        // other's counts and static data may differ from t's: from it only the leaves must come back as t's.
        return SameTree(Tree.Unflatten(t, leaves), t) && SameTree(Tree.Unflatten(Tree.ZerosLike(t), leaves), t)
            && SameLeaves(Tree.Leaves(Tree.Unflatten(other, leaves)), Tree.Leaves(t));
    }

    /// <summary>Unflatten throws an ArgumentException for one leaf too few and one too many.</summary>
    public static bool UnflattenRejectsWrongCount<T>(T t) where T : ITree<T>
    {
        var leaves = LeavesOf(t);
        var extra = leaves.Count > 0 ? leaves[0] : Tensor.Zeros(1, 1); // a state with counts only (SGD's) has no leaves
        return (leaves.Count == 0 || Throws<ArgumentException>(() => Tree.Unflatten(t, leaves[..^1])))
            && Throws<ArgumentException>(() => Tree.Unflatten(t, [.. leaves, extra]));
    }

    /// <summary>
    /// Unflatten throws an ArgumentException when leaf <c>pick mod count</c> has one row or one
    /// column too many (which, by <c>pick / count</c>), all other leaves being right.
    /// </summary>
    public static bool UnflattenRejectsWrongShape<T>(T t, int pick) where T : ITree<T>
    {
        var leaves = LeavesOf(t);
        if (leaves.Count == 0) return true; // nothing to mis-shape
        var i = pick % leaves.Count;
        var like = leaves[i];
        leaves[i] = (pick / leaves.Count) % 2 == 0 ? Tensor.Zeros(like.Rows + 1, like.Cols) : Tensor.Zeros(like.Rows, like.Cols + 1);
        return Throws<ArgumentException>(() => Tree.Unflatten(t, leaves));
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
