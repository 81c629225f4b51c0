using FsCheck.Xunit;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Latent;
using RepLearn.Functional.Models;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.LatentSpace;

// Inside the namespace, so that they win over the facade's RepLearn.Vae, RepLearn.Autoencoder and RepLearn.Likelihood.
using Autoencoder = RepLearn.Functional.Models.Autoencoder;
using Likelihood = RepLearn.Functional.Models.Likelihood;
using Vae = RepLearn.Functional.Models.Vae;

/// <summary>Per-row scores are the exact per-row decomposition of the batch objectives: their mean is the loss.</summary>
public class RowScoreProperties
{
    private static (Tensor X, Key Key, int Chunk) Case(int seed)
    {
        var key = Key.FromSeed(seed);
        var rows = 1 + (int)((uint)seed % 30);
        return (Sample.Uniform(key.FoldIn(0), rows, 6), key.FoldIn(1), 1 + (int)((uint)seed / 31 % 8));
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b));

    [Property(Replay = Seeds.Replay, MaxTest = 100)]
    public bool Vae_row_negative_elbos_average_to_the_batch_loss(int seed)
    {
        var (x, key, _) = Case(seed);
        var config = new VaeConfig(6, 3, [5], Likelihood: seed % 2 == 0 ? Likelihood.Bernoulli : Likelihood.Gaussian, Beta: 0.5 + (uint)seed % 3);
        var p = Vae.Init(Key.FromSeed(seed).FoldIn(2), config);
        var rows = RowScores.VaeNegativeElbo(p, config, x, key).ToArray();
        return rows.Length == x.Rows && Close(rows.Average(), Vae.Loss(config)(p, x, key).Loss.ToScalar());
    }

    [Property(Replay = Seeds.Replay, MaxTest = 100)]
    public bool Autoencoder_row_errors_average_to_the_batch_loss(int seed)
    {
        var (x, key, _) = Case(seed);
        var config = new AutoencoderConfig(6, 2, [4], Likelihood: seed % 2 == 0 ? Likelihood.Bernoulli : Likelihood.Gaussian);
        var p = Autoencoder.Init(Key.FromSeed(seed).FoldIn(2), config);
        var rows = RowScores.AutoencoderReconstructionError(p, config, x).ToArray();
        return Close(rows.Average(), Autoencoder.Loss(config)(p, x, key).Loss.ToScalar());
    }

    [Property(Replay = Seeds.Replay, MaxTest = 100)]
    public bool Chunked_rows_match_each_chunk_evaluated_with_its_own_key(int seed)
    {
        var (x, key, chunk) = Case(seed);
        var config = new VaeConfig(6, 3, [5]);
        var p = Vae.Init(Key.FromSeed(seed).FoldIn(2), config);
        var rows = RowScores.PerRow(x, key, (b, k) => RowScores.VaeNegativeElbo(p, config, b, k), chunk);
        for (var start = 0; start < x.Rows; start += chunk)
        {
            var expected = RowScores.VaeNegativeElbo(p, config, x.SliceRows(start, Math.Min(chunk, x.Rows - start)), key.FoldIn(start)).ToArray();
            if (!expected.SequenceEqual(rows.Skip(start).Take(expected.Length))) return false;
        }
        return true;
    }

    [Property(Replay = Seeds.Replay, MaxTest = 100)]
    public bool Vae_reconstruction_error_is_the_decoder_nll_at_the_posterior_mean(int seed)
    {
        var (x, _, _) = Case(seed);
        var config = new VaeConfig(6, 3, [5]);
        var p = Vae.Init(Key.FromSeed(seed).FoldIn(2), config);
        var error = RowScores.VaeReconstructionError(p, config, x).ToArray();
        var expected = Vae.DecoderNll(config, x, Vae.Decode(p, Vae.Encode(p, x).Mean)).ToArray();
        return error.SequenceEqual(expected) && error.All(e => e >= 0);
    }
}
