using RepLearn.Functional.Checkpoints;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Reliability;

/// <summary>
/// Checkpoint metadata is parsed strictly, exactly as this library writes it: enums by their lowercase names,
/// booleans "true"/"false", invariant-culture integers and doubles without spaces, signs or separators the
/// library never writes. Every failure (including bad saved training options) is an InvalidDataException naming
/// the file, the key and the value. The files are re-signed after editing, so the parse is what is tested.
/// </summary>
public sealed class StrictMetadataTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static readonly double[][] Data = [[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8], [0.9, 0.1, 0.2, 0.3]];

    private string Saved(bool fitted = true, double? clipNorm = 0.5)
    {
        var path = temp.File($"{Guid.NewGuid():N}.safetensors");
        var vae = new Vae(4, 2, [3], seed: 1);
        if (fitted) vae.Fit(Data, new TrainOptions { Epochs = 1, BatchSize = 2, LearningRate = 0.01, WeightDecay = 0.001, ClipNorm = clipNorm });
        vae.Save(path);
        return path;
    }

    /// <summary>Rewrites one value and re-signs the file; returns the message of the load's InvalidDataException.</summary>
    private string Refused(string key, string oldValue, string newValue) => Refused(key, oldValue, newValue, out _);

    private string Refused(string key, string oldValue, string newValue, out string path)
    {
        var file = Saved();
        path = file;
        CheckpointEdits.RewriteMetadata(file, key, oldValue, newValue);
        CheckpointEdits.Resign(file);
        var e = Assert.Throws<InvalidDataException>(() => Vae.Load(file));
        Assert.StartsWith(file + ": ", e.Message);
        Assert.Contains($"metadata '{key}' = '{newValue}'", e.Message);
        Assert.Equal(e.Message, Assert.Throws<InvalidDataException>(() => Models.Load(file)).Message);
        return e.Message;
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Relu")]
    [InlineData("RELU")]
    [InlineData("relu ")]
    [InlineData(" relu")]
    [InlineData("")]
    [InlineData("Relu ")]
    public void Enums_are_read_only_by_their_lowercase_names(string value) =>
        Assert.EndsWith("is not one of identity, relu, tanh, sigmoid, softplus", Refused("activation", "relu", value));

    [Theory]
    [InlineData("likelihood", "bernoulli", "Bernoulli")]
    [InlineData("likelihood", "bernoulli", "0")]
    public void Every_enum_key_is_strict(string key, string oldValue, string newValue) => Refused(key, oldValue, newValue);

    [Theory]
    [InlineData("TRUE")]
    [InlineData("True")]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("true ")]
    public void Booleans_are_true_or_false(string value) =>
        Assert.EndsWith("is not 'true' or 'false'", Refused("has_optimizer_state", "true", value));

    [Theory]
    [InlineData("input_dim", "4", "+4")]
    [InlineData("input_dim", "4", "04")]
    [InlineData("input_dim", "4", " 4")]
    [InlineData("input_dim", "4", "4.0")]
    [InlineData("input_dim", "4", "4e0")]
    [InlineData("input_dim", "4", "٤")]
    [InlineData("latent_dim", "2", "2,0")]
    [InlineData("epochs_completed", "1", "1 ")]
    [InlineData("seed", "1", "0x1")]
    [InlineData("seed", "1", "1L")]
    [InlineData("hidden_dims", "3", "3,")]
    [InlineData("hidden_dims", "3", " 3")]
    [InlineData("hidden_dims", "3", "+3")]
    public void Integers_are_strict_and_invariant(string key, string oldValue, string newValue) => Refused(key, oldValue, newValue);

    [Theory]
    [InlineData("beta", "1", "1,5")]
    [InlineData("beta", "1", " 1")]
    [InlineData("beta", "1", "NaN")]
    [InlineData("beta", "1", "Infinity")]
    [InlineData("beta", "1", "1e400")]
    [InlineData("beta", "1", "0x1")]
    [InlineData("decoder_log_var", "0", "zero")]
    public void Doubles_are_strict_finite_and_invariant(string key, string oldValue, string newValue) =>
        Assert.EndsWith("is not a finite number", Refused(key, oldValue, newValue));

    [Theory]
    [InlineData("batch_size", "2", "abc")]
    [InlineData("batch_size", "2", "2.5")]
    [InlineData("batch_size", "2", "0")]
    [InlineData("batch_size", "2", "-2")]
    [InlineData("learning_rate", "0.01", "fast")]
    [InlineData("learning_rate", "0.01", "0")]
    [InlineData("learning_rate", "0.01", "-0.01")]
    [InlineData("learning_rate", "0.01", "NaN")]
    [InlineData("weight_decay", "0.001", "")]
    [InlineData("weight_decay", "0.001", "-1")]
    [InlineData("clip_norm", "0.5", "x")]
    [InlineData("clip_norm", "0.5", "0")]
    public void Saved_training_options_that_are_present_must_be_valid(string key, string oldValue, string newValue)
    {
        var message = Refused(key, oldValue, newValue, out var path);
        Assert.Equal(message, Assert.Throws<InvalidDataException>(() => Models.SavedTrainOptions(path)).Message);
    }

    [Fact]
    public void Saved_training_options_are_read_from_the_header()
    {
        var options = Models.SavedTrainOptions(Saved());
        Assert.NotNull(options);
        Assert.Equal((2, 0.01, 0.001, (double?)0.5), (options.BatchSize, options.LearningRate, options.WeightDecay, options.ClipNorm));
        Assert.Null(Models.SavedTrainOptions(Saved(clipNorm: null))!.ClipNorm);
        Assert.Null(Models.SavedTrainOptions(Saved(fitted: false)));
        var notACheckpoint = temp.Write("plain.safetensors", SafetensorsBytes());
        Assert.Contains("not a RepLearn checkpoint", Assert.Throws<InvalidDataException>(() => Models.SavedTrainOptions(notACheckpoint)).Message);
    }

    private static byte[] SafetensorsBytes()
    {
        using var stream = new MemoryStream();
        Safetensors.Write(stream, [], new Dictionary<string, string> { ["batch_size"] = "2" });
        return stream.ToArray();
    }

    [Fact]
    public void Random_values_for_an_enum_key_either_name_a_member_or_are_refused()
    {
        var random = new Random(3);
        const string alphabet = "reluRELUtanhsigmoid 01_-";
        var original = Saved();
        for (var i = 0; i < 60; i++)
        {
            var value = new string([.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (value == "relu") continue;
            var path = temp.File($"random{i}.safetensors");
            File.Copy(original, path);
            CheckpointEdits.RewriteMetadata(path, "activation", "relu", value);
            CheckpointEdits.Resign(path);
            var e = Record.Exception(() => Vae.Load(path));
            if (value is "tanh" or "sigmoid" or "softplus" or "identity") Assert.Null(e);
            else Assert.Contains($"metadata 'activation' = '{value}'", Assert.IsType<InvalidDataException>(e).Message);
        }
    }
}
