using RepLearn.Functional.Models;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>
/// Bad input to the facade models throws <see cref="ArgumentException"/> (or a subclass) before any training:
/// ParamName is the offending parameter, the message names the issue and the value, and the model is untouched
/// (no progress report, no epoch, the same outputs).
/// </summary>
public sealed class ModelValidationTests
{
    private static double[][] Copy(double[][] rows) => [.. rows.Select(r => (double[])r.Clone())];

    private static double[][] With(double[][] rows, int r, int c, double value)
    {
        var copy = Copy(rows);
        copy[r][c] = value;
        return copy;
    }

    /// <summary>A bad data set, and fragments the message must contain.</summary>
    public static TheoryData<string, string, string[]> BadData()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var kind in new[] { "ae", "dae", "vae", "contrastive" })
        {
            data.Add(kind, "ragged", ["[5]", "783", "same width"]);
            data.Add(kind, "wrong width", ["[0]", "10", "784"]);
            data.Add(kind, "NaN", ["[3][100]", "NaN", "finite"]);
            data.Add(kind, "+Inf", ["[7][0]", "Infinity", "finite"]);
            data.Add(kind, "-Inf", ["[0][783]", "-Infinity", "finite"]);
            data.Add(kind, "empty", ["no rows"]);
            data.Add(kind, "null row", ["[2]", "null"]);
        }
        data.Add("vae", "above 1", ["[4][10]", "1.5", "[0, 1]"]);
        data.Add("vae", "below 0", ["[1][1]", "-0.25", "[0, 1]"]);
        return data;
    }

    private static double[][] Make(string issue) => issue switch
    {
        "ragged" => Copy(Train).Select((r, i) => i == 5 ? r[..783] : r).ToArray(),
        "wrong width" => [.. Train.Select(r => r[..10])],
        "NaN" => With(Train, 3, 100, double.NaN),
        "+Inf" => With(Train, 7, 0, double.PositiveInfinity),
        "-Inf" => With(Train, 0, 783, double.NegativeInfinity),
        "empty" => [],
        "null row" => Copy(Train).Select((r, i) => i == 2 ? null! : r).ToArray(),
        "above 1" => With(Train, 4, 10, 1.5),
        "below 0" => With(Train, 1, 1, -0.25),
        _ => throw new ArgumentOutOfRangeException(nameof(issue)),
    };

    [Theory]
    [MemberData(nameof(BadData))]
    public void Bad_training_data_is_rejected_before_training(string kind, string issue, string[] message)
    {
        var m = Create(kind);
        var before = Outputs(m);
        var sink = new Sink();
        var e = Assert.ThrowsAny<ArgumentException>(() => m.Fit(Make(issue), Test, Options(), sink));
        Assert.Equal("train", e.ParamName);
        Assert.All(message, fragment => Assert.Contains(fragment, e.Message));
        Assert.Empty(sink.Reports);
        Assert.Equal(0, m.EpochsCompleted);
        Assert.Equal(before, Outputs(m));
    }

    [Theory]
    [MemberData(nameof(BadData))]
    public void Bad_test_data_is_rejected_before_training(string kind, string issue, string[] message)
    {
        var m = Create(kind);
        var sink = new Sink();
        var e = Assert.ThrowsAny<ArgumentException>(() => m.Fit(Train, Make(issue), Options(), sink));
        Assert.Equal("test", e.ParamName);
        Assert.All(message, fragment => Assert.Contains(fragment, e.Message));
        Assert.Empty(sink.Reports);
        Assert.Equal(0, m.EpochsCompleted);
    }

    [Theory]
    [MemberData(nameof(BadData))]
    public void Bad_rows_are_rejected_by_encode_and_loss(string kind, string issue, string[] message)
    {
        var m = Create(kind);
        var bad = Make(issue);
        var e = Assert.ThrowsAny<ArgumentException>(() => m.Encode(bad));
        Assert.Equal("x", e.ParamName);
        Assert.All(message, fragment => Assert.Contains(fragment, e.Message));
        Assert.ThrowsAny<ArgumentException>(() => m.Loss(bad));
        if (m is IReconstructingModel r) Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => r.Reconstruct(bad)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void Null_data_and_options_throw_ArgumentNullException(string kind)
    {
        var m = Create(kind);
        Assert.Equal("train", Assert.Throws<ArgumentNullException>(() => m.Fit(null!, null, Options())).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => m.Fit(Train, (double[][]?)null, null!)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => m.Encode(null!)).ParamName);
        if (m is IReconstructingModel r)
        {
            Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => r.Reconstruct(null!)).ParamName);
            Assert.Equal("z", Assert.Throws<ArgumentNullException>(() => r.Decode(null!)).ParamName);
        }
    }

    [Theory]
    [InlineData("ae")]
    [InlineData("dae")]
    [InlineData("vae")]
    public void Decode_checks_the_code_width_and_finiteness(string kind)
    {
        var r = (IReconstructingModel)Create(kind);
        var wide = Assert.ThrowsAny<ArgumentException>(() => r.Decode([[0, 0, 0, 0, 0]]));
        Assert.Equal("z", wide.ParamName);
        Assert.Contains("5", wide.Message);
        var nan = Assert.ThrowsAny<ArgumentException>(() => r.Decode([[0, double.NaN, 0, 0]]));
        Assert.Equal("z", nan.ParamName);
        Assert.Contains("NaN", nan.Message);
        // Codes need not lie in [0, 1], even for a Bernoulli decoder.
        Assert.Single(r.Decode([[-3, 7, 0, 2]]));
    }

    [Fact]
    public void Bernoulli_range_is_checked_only_for_bernoulli_decoders()
    {
        var outside = With(Train, 0, 0, 1.5);
        var gaussian = new Vae(Width, Latent, [Hidden], seed: 7, likelihood: Likelihood.Gaussian);
        Assert.True(gaussian.Fit(outside, Options()).Completed);
        Assert.True(((Autoencoder)Create("ae")).Fit(outside, Options()).Completed);   // Gaussian by default

        var bernoulliAe = new Autoencoder(Width, Latent, [Hidden], seed: 7, likelihood: Likelihood.Bernoulli);
        var e = Assert.ThrowsAny<ArgumentException>(() => bernoulliAe.Fit(outside, Options()));
        Assert.Equal("train", e.ParamName);
        Assert.Contains("[0, 1]", e.Message);
    }

    // ---- TrainOptions ------------------------------------------------------------------------------

    /// <summary>Bad options, the property the error must name, and the value its message must show.</summary>
    public static TheoryData<string, string, string> BadOptions() => new()
    {
        { "Epochs 0", "Epochs", "0" },
        { "Epochs -3", "Epochs", "-3" },
        { "BatchSize 0", "BatchSize", "0" },
        { "LearningRate 0", "LearningRate", "0" },
        { "LearningRate NaN", "LearningRate", "NaN" },
        { "LearningRate -1", "LearningRate", "-1" },
        { "LearningRate +Inf", "LearningRate", "Infinity" },
        { "WeightDecay -1", "WeightDecay", "-1" },
        { "WeightDecay NaN", "WeightDecay", "NaN" },
        { "ClipNorm 0", "ClipNorm", "0" },
        { "ClipNorm -2", "ClipNorm", "-2" },
        { "ClipNorm +Inf", "ClipNorm", "Infinity" },
    };

    private static TrainOptions MakeOptions(string name) => name switch
    {
        "Epochs 0" => new() { Epochs = 0 },
        "Epochs -3" => new() { Epochs = -3 },
        "BatchSize 0" => new() { BatchSize = 0 },
        "LearningRate 0" => new() { LearningRate = 0 },
        "LearningRate NaN" => new() { LearningRate = double.NaN },
        "LearningRate -1" => new() { LearningRate = -1 },
        "LearningRate +Inf" => new() { LearningRate = double.PositiveInfinity },
        "WeightDecay -1" => new() { WeightDecay = -1 },
        "WeightDecay NaN" => new() { WeightDecay = double.NaN },
        "ClipNorm 0" => new() { ClipNorm = 0 },
        "ClipNorm -2" => new() { ClipNorm = -2 },
        "ClipNorm +Inf" => new() { ClipNorm = double.PositiveInfinity },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_train_options_are_rejected_before_training(string options, string param, string value)
    {
        foreach (var kind in new[] { "ae", "dae", "vae", "contrastive" })
        {
            var m = Create(kind);
            var sink = new Sink();
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => m.Fit(Train, Test, MakeOptions(options), sink));
            Assert.Equal(param, e.ParamName);
            Assert.Contains(param, e.Message);
            Assert.Contains($"got {value}", e.Message);
            Assert.Empty(sink.Reports);
            Assert.Equal(0, m.EpochsCompleted);
        }
    }

    [Fact]
    public void Options_are_checked_before_data()
    {
        // Both are bad: the options error comes first, without looking at the data.
        var e = Assert.ThrowsAny<ArgumentException>(() => Create("ae").Fit([], null, new TrainOptions { Epochs = 0 }));
        Assert.Equal("Epochs", e.ParamName);
    }

    [Fact]
    public void Contrastive_training_needs_a_batch_of_at_least_two()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Create("contrastive").Fit(Train, new TrainOptions { BatchSize = 1 }));
        Assert.Equal("BatchSize", e.ParamName);
        Assert.Contains("BatchSize >= 2", e.Message);
    }

    [Fact]
    public void Extreme_but_valid_options_are_accepted()
    {
        var ae = Create("ae");
        var report = ae.Fit(Train, new TrainOptions { Epochs = 1, BatchSize = 1000, LearningRate = 1e-12, WeightDecay = 0, ClipNorm = 1e-9 });
        Assert.True(report.Completed);
        Assert.Single(report.Epochs);
    }

    // ---- constructors -------------------------------------------------------------------------------

    /// <summary>A constructor call with a bad argument, the parameter it must name, and the value its message must show.</summary>
    public static TheoryData<string, string, string> BadConstructors() => new()
    {
        { "ae latentDim 0", "latentDim", "0" },
        { "ae inputDim 0", "inputDim", "0" },
        { "ae hidden 0", "hiddenDims", "0" },
        { "dae latentDim 0", "latentDim", "0" },
        { "dae sigma 0", "sigma", "0" },
        { "dae sigma -1", "sigma", "-1" },
        { "dae sigma NaN", "sigma", "NaN" },
        { "dae sigma +Inf", "sigma", "Infinity" },
        { "dae masking 1", "sigma", "1" },
        { "dae masking 0", "sigma", "0" },
        { "vae latentDim 0", "latentDim", "0" },
        { "vae inputDim -1", "inputDim", "-1" },
        { "vae hidden -5", "hiddenDims", "-5" },
        { "vae beta -1", "beta", "-1" },
        { "vae beta NaN", "beta", "NaN" },
        { "vae beta +Inf", "beta", "Infinity" },
        { "contrastive representationDim 0", "representationDim", "0" },
        { "contrastive projectionDim 0", "projectionDim", "0" },
        { "contrastive inputDim 0", "inputDim", "0" },
        { "contrastive temperature 0", "temperature", "0" },
        { "contrastive temperature -0.5", "temperature", "-0.5" },
        { "contrastive temperature NaN", "temperature", "NaN" },
        { "contrastive temperature +Inf", "temperature", "Infinity" },
        { "contrastive hidden 0", "hiddenDims", "0" },
    };

    private static object Construct(string call) => call switch
    {
        "ae latentDim 0" => new Autoencoder(Width, 0),
        "ae inputDim 0" => new Autoencoder(0, 4),
        "ae hidden 0" => new Autoencoder(Width, 4, [32, 0]),
        "dae latentDim 0" => new DenoisingAutoencoder(Width, 0),
        "dae sigma 0" => new DenoisingAutoencoder(Width, 4, sigma: 0),
        "dae sigma -1" => new DenoisingAutoencoder(Width, 4, sigma: -1),
        "dae sigma NaN" => new DenoisingAutoencoder(Width, 4, sigma: double.NaN),
        "dae sigma +Inf" => new DenoisingAutoencoder(Width, 4, sigma: double.PositiveInfinity),
        "dae masking 1" => new DenoisingAutoencoder(Width, 4, sigma: 1, noise: CorruptionKind.Masking),
        "dae masking 0" => new DenoisingAutoencoder(Width, 4, sigma: 0, noise: CorruptionKind.Masking),
        "vae latentDim 0" => new Vae(Width, 0),
        "vae inputDim -1" => new Vae(-1, 4),
        "vae hidden -5" => new Vae(Width, 4, [-5]),
        "vae beta -1" => new Vae(Width, 4, beta: -1),
        "vae beta NaN" => new Vae(Width, 4, beta: double.NaN),
        "vae beta +Inf" => new Vae(Width, 4, beta: double.PositiveInfinity),
        "contrastive representationDim 0" => new ContrastiveEncoder(Width, representationDim: 0),
        "contrastive projectionDim 0" => new ContrastiveEncoder(Width, projectionDim: 0),
        "contrastive inputDim 0" => new ContrastiveEncoder(0),
        "contrastive temperature 0" => new ContrastiveEncoder(Width, temperature: 0),
        "contrastive temperature -0.5" => new ContrastiveEncoder(Width, temperature: -0.5),
        "contrastive temperature NaN" => new ContrastiveEncoder(Width, temperature: double.NaN),
        "contrastive temperature +Inf" => new ContrastiveEncoder(Width, temperature: double.PositiveInfinity),
        "contrastive hidden 0" => new ContrastiveEncoder(Width, hiddenDims: [0]),
        _ => throw new InvalidOperationException($"unknown call {call}"),
    };

    [Theory]
    [MemberData(nameof(BadConstructors))]
    public void Bad_constructor_arguments_name_the_parameter_and_value(string call, string param, string value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Construct(call));
        Assert.Equal(param, e.ParamName);
        Assert.Contains($"got {value}", e.Message);
    }

    [Fact]
    public void Edge_constructor_arguments_are_accepted()
    {
        Assert.Equal(1, new Vae(4, 1, [], beta: 0).LatentDim);
        Assert.Equal(1e-4, new ContrastiveEncoder(4, representationDim: 1, projectionDim: 1, hiddenDims: [2], temperature: 1e-4).Temperature);
        Assert.Equal(0.5, new DenoisingAutoencoder(4, 1, sigma: 0.5, hiddenDims: [2], noise: CorruptionKind.Masking).Sigma);
        Assert.Equal(1, new Autoencoder(1, 1, []).InputDim);
    }
}
