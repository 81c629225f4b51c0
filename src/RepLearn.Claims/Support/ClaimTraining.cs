namespace RepLearn.Claims;

using Autoencoder = RepLearn.Functional.Models.Autoencoder;

/// <summary>The training run shared by the Lecture 2 claim experiments: a core autoencoder fitted by the library's fold.</summary>
internal static class ClaimTraining
{
    /// <summary>
    /// Parameters drawn from <paramref name="initKey"/>, then <paramref name="epochs"/> epochs of Adam with a cosine decay
    /// from <paramref name="peakLearningRate"/> to alpha times it, shuffled by <paramref name="shuffleKey"/>; the fold must complete.
    /// </summary>
    public static AutoencoderParams FitAutoencoder(AutoencoderConfig config, Tensor data, Key initKey, Key shuffleKey, int epochs, int batchSize,
        double peakLearningRate, double alpha)
    {
        var init = Autoencoder.Init(initKey, config);
        var stepsPerEpoch = (data.Rows + batchSize - 1) / batchSize;
        var adam = Optimizers.Adam<AutoencoderParams>(Schedules.CosineDecay(peakLearningRate, (long)epochs * stepsPerEpoch, alpha));
        var fit = Train.Fit(init, adam.Init(init), adam, Autoencoder.Loss(config), data, new FitOptions(epochs, batchSize, shuffleKey));
        if (fit.Stop != FitStop.Completed) throw new ClaimViolationException($"the claim's training run did not complete: {fit.StopMessage}");
        return fit.Parameters;
    }
}
