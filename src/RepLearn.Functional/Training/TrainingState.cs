using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Functional.Training;

/// <summary>
/// Everything a resumed run needs besides the data and options: the parameters and the optimizer's
/// state, as one tree (leaves "params.*" then "optimizer.*"), so one checkpoint holds both and
/// resuming continues bit for bit. It is a serialisation tree: the optimizer's leaves include step counts
/// (1 x 1), which must remain whole numbers in [0, 2^53], so Map and Zip accept only functions that keep them so
/// (as flattening and rebuilding do); any other result is an InvalidDataException naming the step count.
/// </summary>
public sealed record TrainingState<T>(T Parameters, OptState Optimizer) : ITree<TrainingState<T>> where T : ITree<T>
{
    /// <inheritdoc />
    public static TrainingState<T> Map(TrainingState<T> tree, Func<Tensor, Tensor> f) =>
        new(T.Map(tree.Parameters, f), tree.Optimizer.WithLeaves(tree.Optimizer.Leaves().Select(l => f(l.Leaf)).GetEnumerator()));

    /// <inheritdoc />
    public static TrainingState<T> Zip(TrainingState<T> first, TrainingState<T> second, Func<Tensor, Tensor, Tensor> f)
    {
        var a = first.Optimizer.Leaves().ToList();
        var b = second.Optimizer.Leaves().ToList();
        if (a.Count != b.Count || !a.Select(l => l.Path).SequenceEqual(b.Select(l => l.Path)))
            throw new ArgumentException($"cannot zip optimizer states of different structure ({a.Count} and {b.Count} leaves)");
        return new(T.Zip(first.Parameters, second.Parameters, f), first.Optimizer.WithLeaves(a.Zip(b, (x, y) => f(x.Leaf, y.Leaf)).GetEnumerator()));
    }

    /// <inheritdoc />
    public static IEnumerable<(string Path, Tensor Leaf)> Leaves(TrainingState<T> tree) =>
        TreePaths.Under("params", tree.Parameters).Concat(tree.Optimizer.Leaves().Select(l => ($"optimizer.{l.Path}", l.Leaf)));
}
