namespace RepLearn;

public abstract partial class AutoencoderBase
{
    /// <summary>Trains on float32 rows (widened to double once; see the double overload).</summary>
    public TrainReport Fit(float[][] train, float[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(Float32.Widen(train), Float32.WidenOptional(test), options, progress, cancellationToken);

    /// <summary>Codes of float32 rows (widened to double once).</summary>
    public double[][] Encode(float[][] x) => Encode(Float32.Widen(x));

    /// <summary>Decoded float32 codes (widened to double once).</summary>
    public double[][] Decode(float[][] z) => Decode(Float32.Widen(z));

    /// <summary>Reconstructions of float32 rows (widened to double once).</summary>
    public double[][] Reconstruct(float[][] x) => Reconstruct(Float32.Widen(x));

    /// <summary>Per-row scores of float32 rows (widened to double once).</summary>
    public SampleScores Scores(float[][] x) => Scores(Float32.Widen(x));
}
