using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>The VAE's collapse diagnostics (KL per dimension, active units, ELBO) are in range.</summary>
public sealed partial class ModelTests
{
    // ---- VAE diagnostics ---------------------------------------------------------------------------

    [Fact]
    public void Vae_kl_per_dimension_and_active_units_are_in_range()
    {
        var vae = new Vae(Width, Latent, [Hidden], seed: 7);
        vae.Fit(Train, Options(epochs: 2));
        var kl = vae.KlPerDimension(Test);
        Assert.Equal(Latent, kl.Length);
        Assert.All(kl, k => Assert.True(double.IsFinite(k) && k >= 0, $"KL {k}"));
        Assert.InRange(vae.ActiveUnits(Test), 0, Latent);
        Assert.Equal(Latent, vae.LatentDim);
        var logVar = vae.EncodeLogVariance(Test);
        Assert.Equal(Test.Length, logVar.Length);
        Assert.All(logVar, row => Assert.Equal(Latent, row.Length));
        Assert.Equal(vae.Loss(Test), vae.NegativeElbo(Test));
        Assert.True(vae.NegativeElbo(Test) > 0);
    }

    [Fact]
    public void A_beta_zero_vae_still_reports_diagnostics_in_range()
    {
        // Posterior collapse is a diagnostic, not an error: with beta = 0 nothing regularises the posterior, and every figure stays in range.
        var vae = new Vae(Width, Latent, [Hidden], seed: 7, beta: 0);
        vae.Fit(Train, Options());
        Assert.InRange(vae.ActiveUnits(Test), 0, Latent);
        Assert.All(vae.KlPerDimension(Test), k => Assert.True(k >= 0));
    }
}
