using RepLearn.Functional.Models;

namespace RepLearn;

public sealed partial class ContrastiveEncoder
{
    /// <summary>A copy of this encoder over <paramref name="e"/>, with the same views: the read-only snapshot the epoch hooks see.</summary>
    private ContrastiveEncoder Snapshot(ModelEngine<ContrastiveParams> e) => new(config, e, imageSide, budget) { ViewAugmentation = ViewAugmentation };
}
