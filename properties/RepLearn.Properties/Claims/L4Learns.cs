using RepLearn.Claims;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using CoreLosses = RepLearn.Functional.Objectives.Losses;
using CoreOps = RepLearn.Functional.Autodiff.Ops;

namespace RepLearn.Properties.Claims;

/// <summary>
/// L4-learns (Lecture 4): contrastive training with augmentations gives representations that a linear probe classifies
/// better than PCA of the raw pixels with the same dimension, and that are more invariant to the augmentations.
/// Method (statistical, fixed seed, MNIST-10k; skipped when the data is absent): the shared experiment of
/// <see cref="MnistRepresentations"/>; the same probe (<see cref="Evaluation.LinearProbe"/>) on both 64-d
/// representations; invariance = mean cosine similarity between the representations of two augmented views
/// (<see cref="Augment.Default"/>, fixed keys) of the 2,000 test digits, each representation centred by its mean
/// over clean test digits so that a common offset does not count as invariance.
/// </summary>
public sealed class L4Learns(ITestOutputHelper output)
{
    [MnistFact]
    public void Contrastive_representations_beat_pca_on_a_linear_probe_and_are_more_invariant()
    {
        var r = MnistRepresentations.Get(MnistPaths.Folder!);
        var (contrastive, _) = Evaluation.LinearProbe(r.ContrastiveTrain, r.TrainLabels, r.ContrastiveTest, r.TestLabels, seed: 1);
        var (pca, _) = Evaluation.LinearProbe(r.PcaTrain, r.TrainLabels, r.PcaTest, r.TestLabels, seed: 1);

        var augment = Augment.Default(28);
        var images = Tensor.FromRows(r.TestImages);
        var viewA = augment(Key.FromSeed(101), images).ToRows();
        var viewB = augment(Key.FromSeed(102), images).ToRows();
        var contrastiveInvariance = Invariance(r.Encoder.Encode(viewA), r.Encoder.Encode(viewB), r.ContrastiveTest);
        var (pcaA, pcaB) = (Evaluation.Pca(r.TestImages, viewA, MnistRepresentations.Width), Evaluation.Pca(r.TestImages, viewB, MnistRepresentations.Width));
        var pcaInvariance = Invariance(pcaA.Test, pcaB.Test, pcaA.Train);

        output.WriteLine($"linear probe: contrastive {contrastive:P2}, PCA-{MnistRepresentations.Width} {pca:P2}");
        output.WriteLine($"invariance (mean cosine of two augmented views): contrastive {contrastiveInvariance:F3}, PCA {pcaInvariance:F3}");
        Assert.True(contrastive > pca, $"contrastive probe {contrastive} is not above PCA's {pca}");
        Assert.True(contrastiveInvariance > pcaInvariance, $"contrastive invariance {contrastiveInvariance} is not above PCA's {pcaInvariance}");
    }

    /// <summary>Mean cosine similarity of paired rows after subtracting the mean of <paramref name="reference"/>.</summary>
    private static double Invariance(double[][] a, double[][] b, double[][] reference)
    {
        var mean = CoreOps.Mean(Tensor.FromRows(reference), 0);
        return CoreOps.Mean(CoreLosses.CosineSimilarity(CoreOps.Sub(Tensor.FromRows(a), mean), CoreOps.Sub(Tensor.FromRows(b), mean))).ToScalar();
    }
}
