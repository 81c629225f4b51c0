using RepLearn;
using Xunit;

namespace RepLearn.Tests.Readme;

/// <summary>Keeps the README's quickstart compiling and running: the code below is the README's, line for line.</summary>
public class QuickstartTests
{
    [Fact]
    public void Quickstart_runs_and_gives_sensible_figures()
    {
        // quickstart:start
        double kl   = Losses.GaussianKl([0.5, -1.0], [0.1, -0.3]);              // KL(N(mu, e^logVar) || N(0, I))
        double bnll = Losses.BernoulliNll([2.0, -1.0], [1.0, 0.0]);             // binary cross-entropy from logits, summed
        double cos  = Losses.CosineSimilarity([1.0, 0.0], [1.0, 1.0]);          // 0.7071...
        double nce  = Losses.InfoNce([[1.0, 0.0]], [[0.9, 0.1]], [[[0.0, 1.0], [-1.0, 0.0]]], temperature: 0.1);

        Dataset shapes = Datasets.Shapes(trainCount: 512, testCount: 128, seed: 1);
        var vae = new Vae(inputDim: 784, latentDim: 8, hiddenDims: [128], seed: 1);   // Bernoulli decoder by default
        TrainReport report = vae.Fit(shapes.Train, new TrainOptions { Epochs = 2, BatchSize = 64, LearningRate = 1e-3 });
        double[][] z = vae.Encode(shapes.Test!);                                 // posterior means
        double nelbo = vae.NegativeElbo(shapes.Test!);                           // mean over samples, nats
        // quickstart:end

        Assert.True(kl > 0);
        Assert.True(bnll > 0);
        Assert.Equal(Math.Sqrt(0.5), cos, 12);
        Assert.True(nce >= 0);
        Assert.Equal(2, report.Epochs.Count);
        Assert.True(report.Epochs[1].TrainLoss < report.Epochs[0].TrainLoss);
        Assert.Equal(128, z.Length);
        Assert.Equal(8, z[0].Length);
        Assert.True(double.IsFinite(nelbo) && nelbo > 0);
    }

    [Fact]
    public void Readme_shows_the_same_code_as_this_test()
    {
        var root = RepoRoot();
        static string[] Between(string text) => text[(text.IndexOf("quickstart:start", StringComparison.Ordinal))..text.IndexOf("quickstart:end", StringComparison.Ordinal)]
            .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//") && !l.StartsWith("```") && !l.StartsWith("<!--") && !l.Contains("quickstart:")).ToArray();
        var readme = Between(File.ReadAllText(Path.Combine(root, "README.md")));
        var test = Between(File.ReadAllText(Path.Combine(root, "tests", "RepLearn.Tests", "Readme", "QuickstartTests.cs")));
        Assert.Equal(readme.Where(l => !l.StartsWith("using ")), test);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RepLearn.Functional.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("RepLearn.Functional.sln not found above the test binaries");
    }
}
