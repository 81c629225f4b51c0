namespace RepLearn;

public sealed partial class ContrastiveEncoder
{
    /// <summary>Trains on float32 rows (widened to double once; see the double overload).</summary>
    public TrainReport Fit(float[][] train, float[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(Float32.Widen(train), Float32.WidenOptional(test), options, progress, cancellationToken);

    /// <summary>Representations of float32 rows (widened to double once).</summary>
    public double[][] Encode(float[][] x) => Encode(Float32.Widen(x));
}
