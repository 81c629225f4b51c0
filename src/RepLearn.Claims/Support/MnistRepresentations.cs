using System.Collections.Concurrent;

namespace RepLearn.Claims;

/// <summary>
/// One fixed-seed experiment on MNIST-10k shared by the claims that need learned representations
/// (L4-learns, L1-sufficiency-probe): a contrastive encoder (784-256-64, projection 64-64-32, tau 0.1, image
/// augmentations) trained 5 epochs on the 8,000 training digits, and PCA of the pixels with the same width, both
/// probed on the 2,000 test digits. Computed once, on first use.
/// </summary>
internal static class MnistRepresentations
{
    public const int Width = 64;

    public sealed record Result(
        double[][] ContrastiveTrain, double[][] ContrastiveTest, double[][] PcaTrain, double[][] PcaTest,
        int[] TrainLabels, int[] TestLabels, ContrastiveEncoder Encoder, double[][] TestImages);

    private static readonly ConcurrentDictionary<string, Lazy<Result>> Cache = new(StringComparer.Ordinal);

    /// <summary>The experiment on the MNIST folder <paramref name="folder"/>, computed once per folder.</summary>
    public static Result Get(string folder) => Cache.GetOrAdd(Path.GetFullPath(folder), f => new Lazy<Result>(() => Run(f))).Value;

    private static Result Run(string folder)
    {
        var data = Datasets.LoadMnistFolder(folder);
        var encoder = new ContrastiveEncoder(inputDim: 784, representationDim: Width, projectionDim: 32, hiddenDims: [256],
            temperature: 0.1, seed: 1, imageSide: 28, augmentation: ImageAugmentation.Light, projectionHiddenDim: Width);
        encoder.Fit(data.Train, new TrainOptions { Epochs = 5, BatchSize = 256, LearningRate = 1e-3 });
        var (pcaTrain, pcaTest) = Evaluation.Pca(data.Train, data.Test!, Width);
        return new Result(encoder.Encode(data.Train), encoder.Encode(data.Test!), pcaTrain, pcaTest,
            data.TrainLabels!, data.TestLabels!, encoder, data.Test!);
    }
}
