using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>The facade's latent-space API: Sample, Interpolate, Traverse, Scores, and the float32 overloads.</summary>
public sealed class LatentApiTests
{
    private static Vae TrainedVae()
    {
        var vae = new Vae(Width, Latent, [Hidden], seed: 7);
        vae.Fit(Train, Options(2));
        return vae;
    }

    [Fact]
    public void Sample_decodes_prior_codes_reproducibly()
    {
        var vae = TrainedVae();
        var a = vae.Sample(5, seed: 11);
        Assert.Equal(5, a.Length);
        Assert.All(a, row => Assert.Equal(Width, row.Length));
        Assert.All(a.SelectMany(r => r), v => Assert.InRange(v, 0, 1));
        Assert.Equal(Bits(a), Bits(vae.Sample(5, seed: 11)));
        Assert.NotEqual(Bits(a), Bits(vae.Sample(5, seed: 12)));
        Assert.Throws<ArgumentOutOfRangeException>(() => vae.Sample(0, seed: 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Interpolate_runs_from_the_first_reconstruction_to_the_second(bool spherical)
    {
        var vae = TrainedVae();
        var path = vae.Interpolate(Test[0], Test[1], steps: 6, spherical);
        Assert.Equal(6, path.Length);
        var ends = vae.Decode(vae.Encode([Test[0], Test[1]]));
        AssertClose(ends[0], path[0]);
        AssertClose(ends[1], path[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => vae.Interpolate(Test[0], Test[1], steps: 1));
    }

    [Fact]
    public void Traverse_decodes_one_row_per_value_and_changes_only_the_chosen_code_dimension()
    {
        var ae = new Autoencoder(Width, Latent, [Hidden], seed: 7);
        ae.Fit(Train, Options(1));
        var rows = ae.Traverse(Test[0], dim: 2, values: [-2, 0, 2]);
        Assert.Equal(3, rows.Length);
        var z = ae.Encode([Test[0]])[0];
        double[][] code = [[.. z[..2], 0.0, .. z[3..]]];
        var expected = ae.Decode(code);
        AssertClose(expected[0], rows[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ae.Traverse(Test[0], dim: Latent, values: [0]));
    }

    [Fact]
    public void Vae_scores_average_to_the_reported_negative_elbo()
    {
        var vae = TrainedVae();
        var scores = vae.Scores(Test);
        Assert.Equal(Test.Length, scores.NegativeElbo!.Length);
        Assert.Equal(vae.NegativeElbo(Test), scores.NegativeElbo.Average(), 1e-10);
        Assert.Equal(Bits([scores.ReconstructionError]), Bits([vae.Scores(Test).ReconstructionError]));
        Assert.All(scores.ReconstructionError, e => Assert.True(e >= 0));
    }

    [Fact]
    public void Autoencoder_scores_average_to_its_loss()
    {
        var ae = new Autoencoder(Width, Latent, [Hidden], seed: 7);
        ae.Fit(Train, Options(1));
        var scores = ae.Scores(Test);
        Assert.Null(scores.NegativeElbo);
        Assert.Equal(ae.Loss(Test), scores.ReconstructionError.Average(), 1e-10);
        // Squared error, by hand from Reconstruct.
        var r = ae.Reconstruct(Test[..1])[0];
        Assert.Equal(Test[0].Zip(r, (x, y) => (x - y) * (x - y)).Sum(), scores.ReconstructionError[0], 1e-9);
    }

    [Fact]
    public void Float32_overloads_give_what_the_widened_rows_give()
    {
        float[][] train = [.. Train.Select(r => r.Select(v => (float)v).ToArray())];
        float[][] test = [.. Test.Select(r => r.Select(v => (float)v).ToArray())];
        double[][] wide = [.. test.Select(r => r.Select(v => (double)v).ToArray())];
        var a = new Vae(Width, Latent, [Hidden], seed: 7);
        var b = new Vae(Width, Latent, [Hidden], seed: 7);
        a.Fit(train, test, Options(1));
        double[][] wideTrain = [.. train.Select(r => r.Select(v => (double)v).ToArray())];
        b.Fit(wideTrain, wide, Options(1));
        Assert.Equal(Bits(b.Encode(wide)), Bits(a.Encode(test)));
        Assert.Equal(Bits(b.Reconstruct(wide)), Bits(a.Reconstruct(test)));
        Assert.Equal(Bits([b.Scores(wide).NegativeElbo!]), Bits([a.Scores(test).NegativeElbo!]));
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => a.Encode((float[][])null!)).ParamName);
    }

    [Fact]
    public void Auroc_of_the_facade_counts_ties_as_halves()
    {
        Assert.Equal(0.75, Evaluation.Auroc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]));
        Assert.Equal(0.5, Evaluation.Auroc([1, 1, 1], [true, false, false]));
        Assert.Throws<ArgumentException>(() => Evaluation.Auroc([1, 2], [true, true]));
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var j = 0; j < expected.Length; j++) Assert.Equal(expected[j], actual[j], 1e-12);
    }
}
