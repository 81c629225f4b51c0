namespace RepLearn;

/// <summary>What every facade model offers: training, encoding, its own loss, saving.</summary>
public interface IRepresentationModel
{
    /// <summary>"ae", "dae", "vae" or "contrastive", as stored in checkpoints.</summary>
    string Kind { get; }

    /// <summary>Data width.</summary>
    int InputDim { get; }

    /// <summary>Representation width.</summary>
    int RepresentationDim { get; }

    /// <summary>Epochs trained so far.</summary>
    int EpochsCompleted { get; }

    /// <summary>The seed behind initialisation, shuffling and noise (a loaded model keeps the one it was trained with).</summary>
    long Seed { get; }

    /// <summary>Trains <c>options.Epochs</c> more epochs.</summary>
    TrainReport Fit(double[][] train, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Trains <c>options.Epochs</c> more epochs, reporting the test loss after each when <paramref name="test"/> is given.</summary>
    TrainReport Fit(double[][] train, double[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The representation of each row (the code, the posterior mean, or the encoder output).</summary>
    double[][] Encode(double[][] x);

    /// <summary>The model's own objective, mean per sample (negative ELBO, reconstruction error, NT-Xent).</summary>
    double Loss(double[][] x);

    /// <summary>Saves a checkpoint (safetensors, atomic); refuses to overwrite unless <paramref name="overwrite"/>.</summary>
    void Save(string path, bool overwrite = false);
}

/// <summary>A model with a decoder: reconstructions and decoded codes.</summary>
public interface IReconstructingModel : IRepresentationModel
{
    /// <summary>g(f(x)) in data space.</summary>
    double[][] Reconstruct(double[][] x);

    /// <summary>g(z) in data space.</summary>
    double[][] Decode(double[][] z);
}
