using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary>
/// Stochastic evaluations (a VAE's one-sample negative ELBO, a DAE's corrupted loss) draw fresh noise for every row: the
/// 1000-row chunks they are computed in each get their own key. With one key for all chunks, rows 1000 apart would share
/// their noise, and an estimate over 200,000 rows would have the variance of 1,000 draws.
/// </summary>
public sealed class EvaluationNoiseTests
{
    private static double[][] Rows(int n, int seed) =>
        [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, 8).Select(j => 0.5 + 0.4 * Math.Sin(seed + 0.7 * i + 1.3 * j)).ToArray())];

    [Fact]
    public void The_same_rows_in_a_second_chunk_get_other_noise_so_the_mean_is_not_the_first_chunks()
    {
        var a = Rows(1000, 1);
        var twice = a.Concat(a).ToArray();
        var vae = new Vae(8, 2, [8], seed: 3);
        Assert.NotEqual(vae.NegativeElbo(a), vae.NegativeElbo(twice));
        var dae = new DenoisingAutoencoder(8, 2, sigma: 0.5, hiddenDims: [8], seed: 3);
        Assert.NotEqual(dae.Loss(a), dae.Loss(twice));
        // Deterministic losses are unaffected: the plain autoencoder's mean over A and over A twice agree to rounding.
        var ae = new Autoencoder(8, 2, [8], seed: 3);
        Assert.Equal(ae.Loss(a), ae.Loss(twice), 12);
    }

    [Fact]
    public void A_stochastic_evaluation_is_still_a_function_of_the_model_and_the_data()
    {
        var x = Rows(2500, 2);
        var vae = new Vae(8, 2, [8], seed: 3);
        Assert.Equal(vae.NegativeElbo(x), vae.NegativeElbo(x));
    }
}
