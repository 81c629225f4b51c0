namespace RepLearn.Functional.Data;

public static partial class Augment
{
    /// <summary>
    /// Elastic distortion (Simard, Steinkraus and Platt 2003, "Best practices for convolutional neural networks applied
    /// to visual document analysis"): per image a displacement field (dx, dy) whose entries are uniform in [-1, 1],
    /// smoothed by a Gaussian of standard deviation <paramref name="sigma"/> pixels (zero beyond the border) and scaled
    /// by <paramref name="alpha"/>; out(p) = x(p + (dx, dy)(p)), bilinear, 0 outside. Simard et al. use alpha = 34,
    /// sigma = 4 on 28 x 28 digits: displacements of about 1.4 pixels that vary smoothly over a stroke, so the digit
    /// bends as handwriting does. alpha = 0 is the identity.
    /// </summary>
    [Pure]
    public static Tensor ElasticDistortion(Key key, Tensor x, int side, double alpha, double sigma)
    {
        RequireSide(x, side);
        if (!(alpha >= 0) || double.IsPositiveInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be finite and >= 0");
        if (!(sigma > 0) || double.IsPositiveInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "must be finite and > 0");
        var pixels = x.Cols;
        var noise = Sample.Uniform(key, x.Rows, 2 * pixels).Span;
        var kernel = GaussianKernel(sigma, side);
        var result = Tensor.NewUninitialized(x.Rows, x.Cols);
        var dx = new double[pixels];
        var dy = new double[pixels];
        var scratch = new double[pixels];
        for (var i = 0; i < x.Rows; i++)
        {
            var field = noise.Slice(2 * i * pixels, 2 * pixels);
            SmoothField(field[..pixels], side, kernel, alpha, scratch, dx);
            SmoothField(field[pixels..], side, kernel, alpha, scratch, dy);
            var src = x.Row(i);
            var dst = result.AsSpan(i * pixels, pixels);
            for (var r = 0; r < side; r++)
                for (var c = 0; c < side; c++)
                {
                    var p = r * side + c;
                    dst[p] = Bilinear(src, side, c + dx[p], r + dy[p]);
                }
        }
        return Tensor.Wrap(x.Rows, x.Cols, result);
    }

    // w_t proportional to exp(-t^2 / (2 sigma^2)) for |t| <= min(ceil(3 sigma), side - 1), summing to 1.
    private static double[] GaussianKernel(double sigma, int side)
    {
        var radius = (int)Math.Min(Math.Ceiling(3 * sigma), side - 1);
        var weights = new double[2 * radius + 1];
        for (var t = -radius; t <= radius; t++) weights[t + radius] = Math.Exp(-0.5 * t * t / (sigma * sigma));
        var total = weights.Sum();
        for (var t = 0; t < weights.Length; t++) weights[t] /= total;
        return weights;
    }

    // field = alpha * G * (2u - 1): the separable Gaussian blur of a uniform [-1, 1] field, rows then columns.
    private static void SmoothField(ReadOnlySpan<double> uniform, int side, double[] kernel, double alpha, double[] scratch, double[] field)
    {
        var radius = kernel.Length / 2;
        for (var r = 0; r < side; r++)
            for (var c = 0; c < side; c++)
            {
                double sum = 0;
                for (var t = Math.Max(-radius, -c); t <= Math.Min(radius, side - 1 - c); t++)
                    sum += kernel[t + radius] * (2 * uniform[r * side + c + t] - 1);
                scratch[r * side + c] = sum;
            }
        for (var r = 0; r < side; r++)
            for (var c = 0; c < side; c++)
            {
                double sum = 0;
                for (var t = Math.Max(-radius, -r); t <= Math.Min(radius, side - 1 - r); t++)
                    sum += kernel[t + radius] * scratch[(r + t) * side + c];
                field[r * side + c] = alpha * sum;
            }
    }
}
