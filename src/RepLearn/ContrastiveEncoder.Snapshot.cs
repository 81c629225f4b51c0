namespace RepLearn;

public sealed partial class ContrastiveEncoder
{
    /// <summary>A copy of this encoder over <paramref name="e"/>, with the same views: the read-only snapshot the epoch hooks see.</summary>
    private ContrastiveEncoder Snapshot(ModelEngine<ContrastiveConfig, ContrastiveParams> e) => new(e) { ViewAugmentation = ViewAugmentation };
}
