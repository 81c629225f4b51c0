using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary>
/// The facade snippet from issue 3 (PyTorch's examples/vae on MNIST, through the C# facade) compiles and runs
/// as written: IDX loading, Vae(784, 20, [400]), Fit, Encode, Reconstruct, NegativeElbo, Save and Load.
/// Shortened for CI to one epoch on the first 2000 training images; skipped when MNIST-10k is absent.
/// </summary>
public sealed class IssueSnippetTests
{
    [MnistFact]
    public void Issue_3_facade_snippet_runs_and_load_reproduces_the_negative_elbo()
    {
        var folder = MnistPaths.Folder!;
        using var dir = new TempFolder();

        double[][] train = Datasets.LoadIdxImages(Path.Combine(folder, "train-images-idx3-ubyte.gz"));
        double[][] test = Datasets.LoadIdxImages(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"));
        int[] labels = Datasets.LoadIdxLabels(Path.Combine(folder, "train-labels-idx1-ubyte.gz"));

        var vae = new Vae(inputDim: 784, latentDim: 20, hiddenDims: [400], seed: 1);
        TrainReport report = vae.Fit(train[..2000], new TrainOptions { Epochs = 1, BatchSize = 128, LearningRate = 1e-3 });
        double[][] z = vae.Encode(test);
        double[][] xHat = vae.Reconstruct(test);
        double nelbo = vae.NegativeElbo(test);
        vae.Save(dir.File("vae.safetensors"));
        var loaded = Vae.Load(dir.File("vae.safetensors"));

        Assert.Equal(train.Length, labels.Length);
        Assert.All(train.Take(100).SelectMany(r => r), p => Assert.InRange(p, 0.0, 1.0));
        Assert.True(report.Completed);
        Assert.Single(report.Epochs);
        Assert.Equal(test.Length, z.Length);
        Assert.All(z, row => Assert.Equal(20, row.Length));
        Assert.Equal(test.Length, xHat.Length);
        Assert.All(xHat, row => Assert.Equal(784, row.Length));
        // One epoch on 2000 digits: far below the untrained model's ~543 nats, far above a trained one's ~100.
        Assert.InRange(nelbo, 100, 400);
        Assert.Equal(BitConverter.DoubleToInt64Bits(nelbo), BitConverter.DoubleToInt64Bits(loaded.NegativeElbo(test)));
    }
}
