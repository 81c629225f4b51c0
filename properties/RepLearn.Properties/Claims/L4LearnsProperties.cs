using RepLearn.Claims;
using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L4-learns</b> (statistical): the library's experiment (<see cref="L4Learns"/>) at the full budget, run once: the MNIST-10k
/// part (three seeds; skipped with the path it looked for when the data is absent) and the generated-glyph part (always).
/// </summary>
public sealed class L4LearnsProperties(ITestOutputHelper output)
{
    [MnistFact]
    public void Contrastive_representations_beat_pca_on_a_linear_probe_and_are_more_invariant() =>
        L34ClaimRuns.PartHolds(L4Learns.Claim, "MNIST seed", output);

    [Fact]
    public void Contrastive_representations_beat_pca_on_generated_glyphs() =>
        L34ClaimRuns.PartHolds(L4Learns.Claim, "glyphs seed", output);

    [Fact]
    public void VerifyExperimentHolds() => L34ClaimRuns.Holds(L4Learns.Claim, output);
}
