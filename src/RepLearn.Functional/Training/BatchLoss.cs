namespace RepLearn.Functional.Training;

/// <summary>A batch loss and named per-batch metrics (each a mean over the batch's samples).</summary>
/// <param name="Loss">A 1 x 1 tensor, differentiated with respect to the parameters.</param>
/// <param name="Metrics">Extra figures (for a VAE: reconstruction, kl), not differentiated.</param>
public sealed record LossOutput(Tensor Loss, ImmutableSortedDictionary<string, double> Metrics)
{
    /// <summary>A loss with no extra metrics.</summary>
    public static LossOutput Of(Tensor loss) => new(loss, ImmutableSortedDictionary<string, double>.Empty);
}


/// <summary>A model's objective on one batch: (params, batch, key) -> loss.</summary>
public delegate LossOutput BatchLoss<T>(T parameters, Tensor batch, Key key) where T : ITree<T>;

