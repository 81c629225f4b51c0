using FsCheck;
using FsCheck.Xunit;
using RepLearn.Functional.Models;
using RepLearn.Functional.Optim;
using RepLearn.Properties.Support;
using static RepLearn.Properties.Trees.TreeLawChecks;

namespace RepLearn.Properties.Trees;

/// <summary>
/// <see cref="OptState"/>'s flattening laws (<see cref="TreeLawChecks.AllOptStateLaws"/>), one line per
/// optimizer: WithLeaves(Leaves()) gives back the state bit for bit (same type and paths, every leaf
/// consumed), and paths are distinct. States come from Init and 0-2 updates of a VAE's parameters
/// with random gradients (sometimes one with a NaN).
/// </summary>
[Properties(Arbitrary = [typeof(TreeGens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public class OptStateLaws
{
    private static GradientTransformation<VaeParams> Chained() => Transforms.Chain(
        Transforms.ClipByGlobalNorm<VaeParams>(1.0), Transforms.SkipIfNotFinite(Optimizers.Adam<VaeParams>(1e-3)), Transforms.Identity<VaeParams>());

    [Property] public Property Adam(OptRun r) => AllOptStateLaws(r.State(Optimizers.Adam<VaeParams>(1e-3)));
    [Property] public Property AdamW(OptRun r) => AllOptStateLaws(r.State(Optimizers.AdamW<VaeParams>(1e-3)));
    [Property] public Property Momentum(OptRun r) => AllOptStateLaws(r.State(Optimizers.Momentum<VaeParams>(1e-2)));
    [Property] public Property Nesterov(OptRun r) => AllOptStateLaws(r.State(Optimizers.Momentum<VaeParams>(1e-2, nesterov: true)));
    [Property] public Property Sgd(OptRun r) => AllOptStateLaws(r.State(Optimizers.Sgd<VaeParams>(1e-2)));
    [Property] public Property Chain(OptRun r) => AllOptStateLaws(r.State(Chained()));
}
