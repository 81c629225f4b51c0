using FsCheck;
using FsCheck.Xunit;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Optim;
using RepLearn.Properties.Support;
using static RepLearn.Properties.Trees.TreeLawChecks;

namespace RepLearn.Properties.Trees;

/// <summary>
/// Optimizer states are trees under the same protocol as parameters: every law of <see cref="TreeLawChecks.AllLaws{T}"/>,
/// step counts included (a Map keeps them), one line per optimizer. States come from Init and 0-2 updates of a VAE's
/// parameters with random gradients (sometimes one with a NaN); the second tree of the Zip laws is the state with
/// N(0, 1) leaves, and its polymorphic root type <see cref="OptState"/> is the one checked.
/// </summary>
[Properties(Arbitrary = [typeof(TreeGens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public class OptStateLaws
{
    private static GradientTransformation<VaeParams> Chained() => Transforms.Chain(
        Transforms.ClipByGlobalNorm<VaeParams>(1.0), Transforms.SkipIfNotFinite(Optimizers.Adam<VaeParams>(1e-3)), Transforms.Identity<VaeParams>());

    private static Property Laws(OptState state, OptRun r) =>
        AllLaws(state, TreeGens.RandomLike(state, Key.FromSeed(r.Config.Length)), r.Config.Length);

    [Property] public Property Adam(OptRun r) => Laws(r.State(Optimizers.Adam<VaeParams>(1e-3)), r);
    [Property] public Property AdamW(OptRun r) => Laws(r.State(Optimizers.AdamW<VaeParams>(1e-3)), r);
    [Property] public Property Momentum(OptRun r) => Laws(r.State(Optimizers.Momentum<VaeParams>(1e-2)), r);
    [Property] public Property Nesterov(OptRun r) => Laws(r.State(Optimizers.Momentum<VaeParams>(1e-2, nesterov: true)), r);
    [Property] public Property Sgd(OptRun r) => Laws(r.State(Optimizers.Sgd<VaeParams>(1e-2)), r);
    [Property] public Property Chain(OptRun r) => Laws(r.State(Chained()), r);
}
