using RepLearn.Claims;
using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// L1-sufficiency-probe (Lecture 1): a representation's information about y is bounded below by a probe,
/// I(y; z) &gt;= H(y) - CE(probe), since the probe's cross-entropy upper-bounds H(y | z).
/// Method (statistical, fixed seed, MNIST-10k; skipped when absent): for the representations of
/// <see cref="MnistRepresentations"/> and for the raw pixels, the bound H(y) - CE on the 2,000 test digits is reported
/// in nats beside the plug-in H(y), and must lie in (0, H(y)]. It is only a lower bound, as its use on pixels shows:
/// the pixels hold everything the representation holds about y (I(y; x) &gt;= I(y; z)), yet a linear probe on 784 raw
/// pixels overfits the 8,000 digits and bounds I(y; x) more loosely (measured 1.24 nats) than the 64-d contrastive
/// representation bounds I(y; z) (2.04 nats, of H(y) = 2.30).
/// </summary>
public sealed class L1SufficiencyProbe(ITestOutputHelper output)
{
    [MnistFact]
    public void The_probe_bound_is_reported_beside_the_label_entropy()
    {
        var r = MnistRepresentations.Get(MnistPaths.Folder!);
        var entropy = -r.TestLabels.GroupBy(y => y).Select(g => (double)g.Count() / r.TestLabels.Length).Sum(p => p * Math.Log(p));
        var (_, ceContrastive) = Evaluation.LinearProbe(r.ContrastiveTrain, r.TrainLabels, r.ContrastiveTest, r.TestLabels, seed: 1);
        var pixelsTrain = Datasets.LoadMnistFolder(MnistPaths.Folder!);
        var (_, cePixels) = Evaluation.LinearProbe(pixelsTrain.Train, r.TrainLabels, pixelsTrain.Test!, r.TestLabels, seed: 1);
        var boundContrastive = entropy - ceContrastive;
        var boundPixels = entropy - cePixels;
        output.WriteLine($"H(y) = {entropy:F4} nats; I(y; z) >= {boundContrastive:F4} (contrastive 64-d); I(y; x) >= {boundPixels:F4} (pixels)");
        Assert.InRange(boundContrastive, 1e-9, entropy);
        Assert.InRange(boundPixels, 1e-9, entropy);
    }
}
