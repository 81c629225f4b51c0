namespace RepLearn;

/// <summary>
/// Encoding a row-major buffer: <c>model.Encode(span)</c> reads rows of <see cref="IRepresentationModel.InputDim"/>
/// values from a <see cref="ReadOnlySpan{T}"/> of double or float (a slice of a larger array, memory from a file or a
/// native buffer) and copies it once, straight into the model's tensor (float widened exactly as it is copied), where the
/// <c>double[][]</c> and <c>float[][]</c> overloads first need an array per row. Values are checked as for row arrays.
/// </summary>
/// <example><code>
/// float[] pixels = LoadImages();                  // n x 784, row-major
/// double[][] codes = vae.Encode(pixels.AsSpan()); // n x 20
/// </code></example>
public static class RepresentationModelSpans
{
    /// <summary>The representation of each row of the row-major buffer <paramref name="rowMajor"/> (length a multiple of InputDim).</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of InputDim, a value is not finite, or (Bernoulli models) outside [0, 1].</exception>
    public static double[][] Encode(this IRepresentationModel model, ReadOnlySpan<double> rowMajor)
    {
        var encoder = Encoder(model);
        Check.Finite(rowMajor, nameof(rowMajor));
        return EncodeChecked(encoder, model, Tensor.FromSpan(Rows(model, rowMajor.Length), model.InputDim, rowMajor));
    }

    /// <summary>The representation of each row of the row-major float32 buffer <paramref name="rowMajor"/>, widened as it is copied.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of InputDim, a value is not finite, or (Bernoulli models) outside [0, 1].</exception>
    public static double[][] Encode(this IRepresentationModel model, ReadOnlySpan<float> rowMajor)
    {
        var encoder = Encoder(model);
        var x = Tensor.FromSpan(Rows(model, rowMajor.Length), model.InputDim, rowMajor);
        Check.Finite(x.Span, nameof(rowMajor));
        return EncodeChecked(encoder, model, x);
    }

    private static ITensorEncoder? Encoder(IRepresentationModel model) => Check.NotNull(model, nameof(model)) switch
    {
        AutoencoderBase ae => ae.TensorEncoder,
        Vae vae => vae.TensorEncoder,
        ContrastiveEncoder c => c.TensorEncoder,
        ITensorEncoder e => e,
        _ => null, // a user's own IRepresentationModel: through its row-array Encode
    };

    private static int Rows(IRepresentationModel model, int length) =>
        length % model.InputDim == 0 ? length / model.InputDim
            : throw new ArgumentException($"rowMajor has {length} values, not a whole number of rows of {model.InputDim}", "rowMajor");

    private static double[][] EncodeChecked(ITensorEncoder? encoder, IRepresentationModel model, Tensor x)
    {
        if (encoder is null) return model.Encode(x.ToRows());
        if (encoder.NeedsUnitInterval)
        {
            var values = x.Span;
            for (var i = 0; i < values.Length; i++)
                if (values[i] is < 0 or > 1)
                    throw new ArgumentException($"rowMajor[{i}] is {Check.Show(values[i])}; a Bernoulli decoder needs data in [0, 1]", "rowMajor");
        }
        return encoder.EncodeTensor(x);
    }
}
