namespace RepLearn;

/// <summary>
/// float32 input for any <see cref="IRepresentationModel"/>, including the kinds of the model table that have no facade class
/// of their own (what <see cref="Models.Load"/> and <see cref="Models.Create"/> return for them): the rows are widened to double
/// once, then the double member runs. The facade classes have these overloads as members (and more: Decode, Reconstruct, Scores).
/// </summary>
public static class RepresentationModelFloat32
{
    /// <summary>Trains on float32 rows (widened to double once; see <see cref="IRepresentationModel.Fit(double[][], double[][], TrainOptions, IProgress{TrainProgress}, CancellationToken)"/>).</summary>
    public static TrainReport Fit(this IRepresentationModel model, float[][] train, float[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Functional.Validation.Check.NotNull(model, nameof(model)).Fit(Float32.Widen(train), Float32.WidenOptional(test), options, progress, cancellationToken);

    /// <summary>Representations of float32 rows (widened to double once).</summary>
    public static double[][] Encode(this IRepresentationModel model, float[][] x) => Functional.Validation.Check.NotNull(model, nameof(model)).Encode(Float32.Widen(x));
}
