using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>
/// The facade models (Autoencoder, DenoisingAutoencoder, Vae, ContrastiveEncoder) at toy sizes: training lowers
/// the loss, outputs have the documented shapes, save/load and resuming are bit-exact, seeds reproduce runs,
/// non-finite steps and cancellation stop cleanly, and the VAE's collapse diagnostics are in range.
/// Validation of bad input lives in <see cref="ModelValidationTests"/>, damaged checkpoints in <see cref="ModelCheckpointTests"/>.
/// </summary>
public sealed partial class ModelTests
{
    // ---- training ---------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void Fit_lowers_the_loss_and_reports_each_epoch(string kind)
    {
        var m = Create(kind);
        var before = m.Loss(Test);
        var sink = new Sink();
        var report = m.Fit(Train, Test, Options(epochs: 2), sink);

        Assert.True(report.Completed);
        Assert.Null(report.StopReason);
        Assert.Equal([1, 2], report.Epochs.Select(e => e.Epoch));
        Assert.Equal(2, m.EpochsCompleted);
        Assert.All(report.Epochs, e =>
        {
            Assert.True(double.IsFinite(e.TrainLoss));
            Assert.NotNull(e.TestLoss);
            Assert.True(e.Seconds >= 0);
        });
        Assert.True(report.Epochs[1].TrainLoss < report.Epochs[0].TrainLoss,
            $"{kind}: epoch 2 train loss {report.Epochs[1].TrainLoss} is not below epoch 1's {report.Epochs[0].TrainLoss}");
        Assert.True(m.Loss(Test) < before, $"{kind}: test loss {m.Loss(Test)} after training is not below {before} before");
        Assert.Equal(report.FinalTestLoss, m.Loss(Test));   // the reported test loss is the model's own Loss on the test rows

        // 8 step reports per epoch (256 rows / 32), then one report closing the epoch.
        var steps = sink.Reports.Where(p => p.CompletedEpoch is null).ToList();
        Assert.Equal(16, steps.Count);
        Assert.All(steps, p => Assert.Equal(8, p.StepsPerEpoch));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => 32L * i), steps.Take(8).Select(p => p.SamplesSeen));
        var closing = sink.Reports.Where(p => p.CompletedEpoch is not null).Select(p => p.CompletedEpoch!).ToList();
        Assert.Equal(report.Epochs.Count, closing.Count);
        foreach (var (r, c) in report.Epochs.Zip(closing))
        {
            Assert.Equal((r.Epoch, r.TrainLoss, r.TestLoss, r.Seconds), (c.Epoch, c.TrainLoss, c.TestLoss, c.Seconds));
            Assert.Equal(r.Metrics.OrderBy(kv => kv.Key), c.Metrics.OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public void Vae_epoch_metrics_hold_the_reconstruction_and_kl_terms()
    {
        var vae = (Vae)Create("vae");
        var report = vae.Fit(Train, Options());
        var epoch = Assert.Single(report.Epochs);
        Assert.Null(epoch.TestLoss);
        Assert.True(epoch.Metrics.Count > 0, "a VAE epoch reports its ELBO terms");
        Assert.All(epoch.Metrics.Values, v => Assert.True(double.IsFinite(v)));
    }

    // ---- shapes ----------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TinyModels))]
    public void Encode_reconstruct_and_decode_have_the_documented_shapes(string kind)
    {
        var m = Create(kind);
        Assert.Equal(kind, m.Kind);
        Assert.Equal(Width, m.InputDim);
        Assert.Equal(Latent, m.RepresentationDim);
        Assert.Equal(0, m.EpochsCompleted);

        var codes = m.Encode(Test);
        Assert.Equal(Test.Length, codes.Length);
        Assert.All(codes, row => Assert.Equal(Latent, row.Length));
        Assert.All(codes.SelectMany(r => r), v => Assert.True(double.IsFinite(v)));

        Assert.Equal(kind != "contrastive", m is IReconstructingModel);
        if (m is IReconstructingModel r)
        {
            var rec = r.Reconstruct(Test);
            Assert.Equal(Test.Length, rec.Length);
            Assert.All(rec, row => Assert.Equal(Width, row.Length));
            var decoded = r.Decode([[0, 0, 0, 0], [1, -1, 2, -2], [0.5, 0.5, 0.5, 0.5]]);
            Assert.Equal(3, decoded.Length);
            Assert.All(decoded, row => Assert.Equal(Width, row.Length));
            if (kind == "vae")   // Bernoulli decoder: means are probabilities
                Assert.All(rec.Concat(decoded).SelectMany(x => x), v => Assert.InRange(v, 0.0, 1.0));
            // Decoding the codes of x is reconstructing x.
            Assert.Equal(Bits(rec), Bits(r.Decode(codes)));
        }
        // A single row works too.
        Assert.Single(m.Encode([Test[0]]));
    }
}
