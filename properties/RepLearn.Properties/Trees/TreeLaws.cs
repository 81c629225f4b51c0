using FsCheck;
using FsCheck.Xunit;
using RepLearn.Properties.Support;
using static RepLearn.Properties.Trees.TreeLawChecks;

namespace RepLearn.Properties.Trees;

/// <summary>
/// The <see cref="Functional.Trees.ITree{TSelf}"/> laws of <see cref="TreeLawChecks.AllLaws{T}"/>, one
/// line per instance: Map identity and composition, Leaves of a Map (same count, paths and order),
/// unique paths that Map keeps, Zip with itself, Zip leaf by leaf and element by element, Unflatten
/// inverting Leaves and rejecting a wrong leaf count or shape with an ArgumentException.
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

    // After a step the state's step counts are 1; only functions keeping them whole numbers are
    // accepted there (see SteppedStateGeneralFunctions).
    [Property] public Property SteppedState(SteppedStateCase c) => AllLaws(c.Tree, c.Other, c.Pick, LawFunctions.WholeNumberSafe);

    /// <summary>
    /// TrainingState is a serialisation tree whose optimizer leaves include step counts, which must stay whole
    /// numbers (documented on <see cref="Functional.Training.TrainingState{T}"/>): a Map that makes a count
    /// fractional is refused with an InvalidDataException naming the count, never silently rounded.
    /// </summary>
    [Property]
    public bool SteppedStateRefusesAFractionalStepCount(SteppedStateCase c)
    {
        try
        {
            Functional.Training.TrainingState<Functional.Nn.Mlp>.Map(c.Tree, t => Functional.Autodiff.Ops.Tanh(t));
            return false;
        }
        catch (InvalidDataException e)
        {
            return e.Message.Contains("step count");
        }
    }
}
