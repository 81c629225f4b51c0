using FsCheck;
using FsCheck.Xunit;
using RepLearn.Properties.Support;
using static RepLearn.Properties.Trees.TreeLawChecks;

namespace RepLearn.Properties.Trees;

/// <summary>
/// The <see cref="Functional.Trees.ITree{TSelf}"/> laws of <see cref="TreeLawChecks.AllLaws{T}"/>, one
/// line per instance: Map identity and composition, Leaves of a Map (same count, paths and order),
/// Map and Zip keeping counts and static data, unique paths that Map keeps, Zip with itself, Zip leaf by
/// leaf and element by element, Unflatten inverting Leaves (and, with counts, Flatten) and rejecting a
/// wrong leaf count or shape with an ArgumentException. Trees compare with their step counts and static data.
/// </summary>
[Properties(Arbitrary = [typeof(TreeGens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public class TreeLaws
{
    [Property] public Property Tensor(TensorCase c) => AllLaws(c.Tree, c.Other, c.Pick);
    [Property] public Property LeafList(LeafListCase c) => AllLaws(c.Tree, c.Other, c.Pick);
    [Property] public Property Dense(DenseCase c) => AllLaws(c.Tree, c.Other, c.Pick);
    [Property] public Property Mlp(MlpCase c) => AllLaws(c.Tree, c.Other, c.Pick);
    [Property] public Property VaeParams(VaeCase c) => AllLaws(c.Tree, c.Other, c.Pick);
    [Property] public Property AutoencoderParams(AutoencoderCase c) => AllLaws(c.Tree, c.Other, c.Pick);
    [Property] public Property ContrastiveParams(ContrastiveCase c) => AllLaws(c.Tree, c.Other, c.Pick);
    [Property] public Property FreshState(FreshStateCase c) => AllLaws(c.Tree, c.Other, c.Pick);

    // After a step the step counts are 1: the laws hold with the same leaf functions, counts included.
    [Property] public Property SteppedState(SteppedStateCase c) => AllLaws(c.Tree, c.Other, c.Pick);

    /// <summary>
    /// Step counts are counts, not leaves: a Map with any leaf function (tanh here, which would make a 1 x 1 count
    /// fractional) leaves them exactly as they were, and every leaf mapped.
    /// </summary>
    [Property]
    public bool SteppedStateMapKeepsStepCounts(SteppedStateCase c)
    {
        var mapped = Functional.Trees.Tree.Map(c.Tree, t => Functional.Autodiff.Ops.Tanh(t));
        return Functional.Trees.Tree.Counts(mapped).SequenceEqual(Functional.Trees.Tree.Counts(c.Tree))
            && Functional.Trees.Tree.Counts(c.Tree).All(x => x.Count == 1)
            && SameLeaves(Functional.Trees.Tree.Leaves(mapped), Functional.Trees.Tree.Leaves(c.Tree).Select(l => (l.Path, Functional.Autodiff.Ops.Tanh(l.Leaf))));
    }
}
