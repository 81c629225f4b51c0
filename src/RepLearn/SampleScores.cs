namespace RepLearn;

/// <summary>
/// Per-row anomaly scores: higher means the model explains the row worse. Rank rows by either and threshold, or measure
/// with <see cref="Evaluation.Auroc"/> against known anomalies.
/// </summary>
/// <param name="ReconstructionError">
/// The error of the model's reconstruction of each clean row, in the likelihood's units: the Bernoulli cross-entropy in nats
/// (sum over features) or the squared error ||x - r(x)||^2. A VAE reconstructs from the posterior mean (deterministic).
/// </param>
/// <param name="NegativeElbo">
/// A VAE's negative ELBO of each row in nats, -log p(x | z) + beta KL(q(z | x) || p(z)) with one reparameterised sample
/// (from the evaluation key, so the same rows get the same scores): an upper bound on -log p(x) at beta = 1. Its mean is
/// exactly what <see cref="Vae.NegativeElbo"/> reports for the same rows. Null for autoencoders.
/// </param>
public sealed record SampleScores(double[] ReconstructionError, double[]? NegativeElbo);
