using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Trees;

/// <summary>
/// The <see cref="ITree{TSelf}"/> laws, written once and checked one line per instance:
/// Map identity, Map composition, Leaves of a Map, and Unflatten inverting Leaves.
/// Instances: a single <see cref="Tensor"/> and a <see cref="LeafList"/> of three tensors.
/// </summary>
[Properties(Arbitrary = [typeof(Gens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public class TreeLaws
{
    private static bool Same(Tensor a, Tensor b) => a.SameShape(b) && a.Span.SequenceEqual(b.Span);

    private static bool SameTree<T>(T a, T b) where T : ITree<T>
    {
        var la = T.Leaves(a).ToList();
        var lb = T.Leaves(b).ToList();
        return la.Count == lb.Count && la.Zip(lb, (p, q) => p.Path == q.Path && Same(p.Leaf, q.Leaf)).All(ok => ok);
    }

    private static readonly Func<Tensor, Tensor> F = t => Ops.Tanh(t);
    private static readonly Func<Tensor, Tensor> G = t => Ops.AddScalar(Ops.Scale(t, 2), 1);

    private static bool MapIdentity<T>(T t) where T : ITree<T> => SameTree(T.Map(t, x => x), t);

    private static bool MapComposition<T>(T t) where T : ITree<T> =>
        SameTree(T.Map(T.Map(t, F), G), T.Map(t, x => G(F(x))));

    private static bool LeavesOfMap<T>(T t) where T : ITree<T> =>
        T.Leaves(T.Map(t, F)).Zip(T.Leaves(t), (p, q) => p.Path == q.Path && Same(p.Leaf, F(q.Leaf))).All(ok => ok);

    private static bool UnflattenInvertsLeaves<T>(T t) where T : ITree<T> =>
        SameTree(Tree.Unflatten(Tree.ZerosLike(t), [.. T.Leaves(t).Select(l => l.Leaf)]), t);

    private static LeafList Three(ConcatOperands o) => LeafList.Of(o.A, o.Below, o.Beside);

    [Property] public bool TensorMapIdentity(Mat x) => MapIdentity(x.Value);
    [Property] public bool TensorMapComposition(Mat x) => MapComposition(x.Value);
    [Property] public bool TensorLeavesOfMap(Mat x) => LeavesOfMap(x.Value);
    [Property] public bool TensorUnflattenInvertsLeaves(Mat x) => UnflattenInvertsLeaves(x.Value);

    [Property] public bool LeafListMapIdentity(ConcatOperands o) => MapIdentity(Three(o));
    [Property] public bool LeafListMapComposition(ConcatOperands o) => MapComposition(Three(o));
    [Property] public bool LeafListLeavesOfMap(ConcatOperands o) => LeavesOfMap(Three(o));
    [Property] public bool LeafListUnflattenInvertsLeaves(ConcatOperands o) => UnflattenInvertsLeaves(Three(o));
}
