using RepLearn.Functional.Models;
using RepLearn.Tests.Facade;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Reliability;

/// <summary>
/// Facade models over the memory budget are refused before their parameters are allocated, with an
/// ArgumentException naming the constructor parameter responsible (never an OverflowException or an
/// OutOfMemoryException); Fit refuses a batch whose activations exceed it; loading applies it too.
/// </summary>
public class FacadeBudgetTests
{
    /// <summary>Every model kind built from (input, latent, hidden) with an optional budget.</summary>
    public static readonly Func<int, int, int[], long?, IRepresentationModel>[] Builders =
    [
        (input, latent, hidden, budget) => new Autoencoder(input, latent, hidden, memoryBudget: budget),
        (input, latent, hidden, budget) => new DenoisingAutoencoder(input, latent, hiddenDims: hidden, memoryBudget: budget),
        (input, latent, hidden, budget) => new Vae(input, latent, hidden, memoryBudget: budget),
        (input, latent, hidden, budget) => new ContrastiveEncoder(input, representationDim: latent, projectionDim: 8, hiddenDims: hidden, memoryBudget: budget,
            projectionHiddenDim: latent),
    ];

    private static string LatentName(int builder) => builder == 3 ? "representationDim" : "latentDim";

    public static TheoryData<int, int, int[], string> Huge => new()
    {
        { 784, 16, [1_000_000_000], "hiddenDims" },
        { 784, 16, [1_000_000], "hiddenDims" },
        { 784, 16, [46341, 46341], "hiddenDims" },
        { 784, int.MaxValue, [400], "latent" },
        { int.MaxValue, 16, [400], "inputDim" },
        { int.MaxValue, int.MaxValue, [int.MaxValue, int.MaxValue, int.MaxValue], "hiddenDims" },
    };

    [Theory]
    [MemberData(nameof(Huge))]
    public void A_model_over_budget_is_refused_naming_the_responsible_parameter(int input, int latent, int[] hidden, string responsible)
    {
        for (var b = 0; b < Builders.Length; b++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var e = Record.Exception(() => Builders[b](input, latent, hidden, null));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20, "the refusal allocated more than 64 MB");
            var refusal = Assert.IsType<ArgumentException>(e);
            var name = responsible == "latent" ? LatentName(b) : responsible;
            Assert.Equal(name, refusal.ParamName);
            Assert.Contains("parameters needing", refusal.Message);
            Assert.Contains("to train, more than the memory budget of", refusal.Message);
            Assert.Contains(name == "hiddenDims" ? $"hiddenDims [{string.Join(", ", hidden)}] make a model of " : $"{name} {(name == "inputDim" ? input : latent)} makes a model of ",
                refusal.Message);
        }
    }

    [Fact]
    public void The_message_reads_like_the_budget_it_applies()
    {
        var e = Assert.Throws<ArgumentException>(() => new Autoencoder(784, 16, [1_000_000]));
        Assert.Matches(@"^hiddenDims \[1000000\] make a model of 1,602,000,800 parameters needing 64\.1 GB to train, more than the memory budget of [0-9.]+ [KMGTP]B \(", e.Message);
        var explicitBudget = Assert.Throws<ArgumentException>(() => new Autoencoder(4, 2, [3], memoryBudget: 100));
        Assert.Equal("hiddenDims", explicitBudget.ParamName);
        Assert.Contains("hiddenDims [3] make a model of 48 parameters needing 1.9 KB to train, more than the memory budget of 100 bytes (the memoryBudget argument)",
            explicitBudget.Message);
    }

    [Fact]
    public void Generated_shapes_either_build_within_the_budget_or_are_argument_errors()
    {
        int[] widths = [0, 1, 7, 300, 46341, 1_000_000, 1_000_000_000, int.MaxValue, -5];
        var random = new Random(5);
        const long budget = 50L << 20;
        for (var i = 0; i < 300; i++)
        {
            var input = widths[random.Next(widths.Length)];
            var latent = widths[random.Next(widths.Length)];
            int[] hidden = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => widths[random.Next(widths.Length)])];
            var b = random.Next(Builders.Length);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var e = Record.Exception(() => Builders[b](input, latent, hidden, budget));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 2 * budget, $"builder {b} ({input}, {latent}, [{string.Join(", ", hidden)}]) allocated too much");
            if (e is null) continue;
            Assert.True(e.GetType() == typeof(ArgumentException) || e.GetType() == typeof(ArgumentOutOfRangeException),
                $"builder {b} ({input}, {latent}, [{string.Join(", ", hidden)}]): {e.GetType().Name}: {e.Message}");
            Assert.Contains(((ArgumentException)e).ParamName, new[] { "inputDim", "latentDim", "hiddenDims", "representationDim", "projectionDim", "projectionHiddenDim", "imageSide" });
        }
    }

    [Fact]
    public void A_bad_explicit_budget_is_an_argument_error()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Vae(4, 2, [3], memoryBudget: 0));
        Assert.Equal("memoryBudget", e.ParamName);
        Assert.Contains("got 0", e.Message);
        Assert.Equal("memoryBudget", Assert.Throws<ArgumentOutOfRangeException>(() => Vae.Load("x.safetensors", memoryBudget: -1)).ParamName);
    }

    private static double[][] Rows(int n, int width) =>
        [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, width).Select(j => ((i * 7 + j * 3) % 10) / 10.0).ToArray())];

    [Fact]
    public void Fit_refuses_a_batch_whose_activations_exceed_the_budget()
    {
        var data = Rows(1000, 4);
        foreach (var model in Builders.Select(build => build(4, 2, [3], 100_000)))
        {
            var before = model.Encode(data[..2]);
            var e = Assert.Throws<ArgumentException>(() => model.Fit(data, new TrainOptions { Epochs = 1, BatchSize = 1000 }));
            Assert.Equal("options", e.ParamName);
            Assert.Contains("options.BatchSize = 1000 (steps of 1,000 rows) with a model of", e.Message);
            Assert.Contains("more than the memory budget of 100.0 KB (the memoryBudget argument)", e.Message);
            Assert.Equal(0, model.EpochsCompleted);
            Assert.Equal(TinyModels.Bits(before), TinyModels.Bits(model.Encode(data[..2])));
            Assert.True(model.Fit(data, new TrainOptions { Epochs = 1, BatchSize = 10 }).Completed);
        }
    }

    [Fact]
    public void A_batch_larger_than_the_data_is_measured_by_the_rows_it_holds()
    {
        var model = new Autoencoder(4, 2, [3], memoryBudget: 100_000);
        Assert.True(model.Fit(Rows(20, 4), new TrainOptions { Epochs = 1, BatchSize = 1_000_000 }).Completed);
    }

    [Fact]
    public void Loading_applies_the_budget_as_invalid_data_naming_the_file()
    {
        using var dir = new TempFolder();
        var path = dir.File("vae.safetensors");
        new Vae(4, 2, [3], seed: 1).Save(path);
        var e = Assert.Throws<InvalidDataException>(() => Vae.Load(path, memoryBudget: 1000));
        Assert.StartsWith(path + ": the metadata describes a model of ", e.Message);
        Assert.Contains("more than the memory budget of 1.0 KB (the memoryBudget argument)", e.Message);
        Assert.Equal(e.Message, Assert.Throws<InvalidDataException>(() => Models.Load(path, memoryBudget: 1000)).Message);
        Assert.Equal(4, Vae.Load(path, memoryBudget: 1_000_000).InputDim);
    }

    public static TheoryData<Func<object>, string, string> UndefinedEnums => new()
    {
        { () => new Vae(4, 2, [3], likelihood: (Likelihood)42), "likelihood", "42" },
        { () => new Vae(4, 2, [3], activation: (Activation)77), "activation", "77" },
        { () => new Autoencoder(4, 2, [3], likelihood: (Likelihood)42), "likelihood", "42" },
        { () => new Autoencoder(4, 2, [3], activation: (Activation)77), "activation", "77" },
        { () => new DenoisingAutoencoder(4, 2, noise: (CorruptionKind)9), "noise", "9" },
        { () => new DenoisingAutoencoder(4, 2, likelihood: (Likelihood)(-1)), "likelihood", "-1" },
        { () => new DenoisingAutoencoder(4, 2, activation: (Activation)77), "activation", "77" },
        { () => new ContrastiveEncoder(4, activation: (Activation)77), "activation", "77" },
    };

    [Theory]
    [MemberData(nameof(UndefinedEnums))]
    public void Undefined_enum_values_are_refused_naming_the_parameter_and_the_value(Func<object> build, string name, string value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(build);
        Assert.Equal(name, e.ParamName);
        Assert.Contains($"{name} = {value} is not", e.Message);
    }

    [Fact]
    public void Every_undefined_value_near_the_defined_ones_is_refused()
    {
        for (var v = -3; v < 12; v++)
        {
            var likelihood = (Likelihood)v;
            var activation = (Activation)v;
            var noise = (CorruptionKind)v;
            if (!Enum.IsDefined(likelihood))
                Assert.Equal("likelihood", Assert.Throws<ArgumentOutOfRangeException>(() => new Autoencoder(4, 2, [3], likelihood: likelihood)).ParamName);
            if (!Enum.IsDefined(activation))
                Assert.Equal("activation", Assert.Throws<ArgumentOutOfRangeException>(() => new Vae(4, 2, [3], activation: activation)).ParamName);
            if (!Enum.IsDefined(noise))
                Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => new DenoisingAutoencoder(4, 2, noise: noise)).ParamName);
        }
    }

    [Fact]
    public void Generated_data_and_pca_over_the_budget_are_refused_naming_the_parameter()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var train = Assert.Throws<ArgumentException>(() => Datasets.Shapes(int.MaxValue));
        Assert.Equal("trainCount", train.ParamName);
        Assert.StartsWith("2,147,483,647 training and 2,000 test images of 28x28 needing ", train.Message);
        Assert.Equal("testCount", Assert.Throws<ArgumentException>(() => Datasets.Shapes(10, int.MaxValue)).ParamName);
        Assert.Equal("trainCount", Assert.Throws<ArgumentException>(() => Datasets.ShapesFactors(int.MaxValue)).ParamName);
        Assert.Equal("trainCount", Assert.Throws<ArgumentException>(() => Datasets.Shapes(100, 0, memoryBudget: 1000)).ParamName);
        double[][] wide = [new double[60_000], new double[60_000]];
        wide[1][5] = 1;
        var pca = Assert.Throws<ArgumentException>(() => Evaluation.Pca(wide, wide, 2));
        Assert.Equal("train", pca.ParamName);
        Assert.StartsWith("PCA of 2 rows of 60,000 features (a 60000 x 60000 covariance) needing 144.0 GB to fit, more than the memory budget", pca.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20, "a refusal allocated more than 64 MB");
        var core = Assert.Throws<ArgumentException>(() => RepLearn.Functional.Evaluation.Pca.Fit(
            RepLearn.Functional.Tensors.Tensor.Zeros(3, 4), 2, RepLearn.Functional.Resources.MemoryBudget.Of(100)));
        Assert.Equal("x", core.ParamName);
    }
}
