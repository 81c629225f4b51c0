using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Functional.Training;

/// <summary>
/// Everything a resumed run needs besides the data and options: the parameters and the optimizer's
/// state, as one tree (leaves "params.*" then "optimizer.*"), so one checkpoint holds both and
/// resuming continues bit for bit.
/// </summary>
public sealed record TrainingState<T>(T Parameters, OptState Optimizer) : ITree<TrainingState<T>> where T : ITree<T>
{
    /// <inheritdoc />
    public static TrainingState<T> Map(TrainingState<T> tree, Func<Tensor, Tensor> f) =>
        new(T.Map(tree.Parameters, f), tree.Optimizer.WithLeaves(tree.Optimizer.Leaves().Select(l => f(l.Leaf)).GetEnumerator()));

    /// <inheritdoc />
    public static TrainingState<T> Zip(TrainingState<T> first, TrainingState<T> second, Func<Tensor, Tensor, Tensor> f) =>
        new(T.Zip(first.Parameters, second.Parameters, f),
            first.Optimizer.WithLeaves(first.Optimizer.Leaves().Zip(second.Optimizer.Leaves(), (a, b) => f(a.Leaf, b.Leaf)).GetEnumerator()));

    /// <inheritdoc />
    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(TrainingState<T> tree) =>
        TreePaths.Under("params", tree.Parameters).Concat(tree.Optimizer.Leaves().Select(l => ($"optimizer.{l.Path}", l.Leaf)));
}
