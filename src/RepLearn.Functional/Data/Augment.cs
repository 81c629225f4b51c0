namespace RepLearn.Functional.Data;

/// <summary>
/// Image augmentations for SimCLR-style contrastive learning (Chen et al. 2020, "A simple framework for
/// contrastive learning of visual representations"): each is a pure function (key, batch) -&gt; batch of the
/// same shape, drawing its random parameters independently per image from the key. Images are square,
/// grey and stored one per row, row-major (side = sqrt(cols)); pixels outside the source are 0 (black).
/// Geometric augmentations and the mask map [0, 1] images into [0, 1]; the noise clips to [0, 1].
/// </summary>
/// <example><code>
/// var augment = Augment.Default(side: 28);
/// var (viewA, viewB) = Augment.TwoViews(augment, key, batch); // two independent views, as in SimCLR
/// </code></example>
public static partial class Augment
{
    /// <summary>
    /// Translates each image by its own integer offset (dx, dy), each uniform in [-maxShift, maxShift]:
    /// out(r, c) = x(r - dy, c - dx), 0 where the source is outside the image.
    /// </summary>
    [Pure]
    public static Tensor RandomShift(Key key, Tensor x, int side, int maxShift)
    {
        RequireSide(x, side);
        if (maxShift < 0) throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift, "must be >= 0");
        var offsets = Sample.Integers(key, 2 * x.Rows, 2 * maxShift + 1);
        return ShiftEach(x, side, i => (offsets[2 * i] - maxShift, offsets[2 * i + 1] - maxShift));
    }

    /// <summary>Translates every image by the same integer offset: out(r, c) = x(r - dy, c - dx), 0 outside.</summary>
    [Pure]
    public static Tensor Shift(Tensor x, int side, int dx, int dy)
    {
        RequireSide(x, side);
        return ShiftEach(x, side, _ => (dx, dy));
    }

    /// <summary>x + sigma eps, eps ~ N(0, I), clipped to [0, 1].</summary>
    [Pure]
    public static Tensor GaussianNoise(Key key, Tensor x, double sigma)
    {
        if (!(sigma >= 0) || double.IsPositiveInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be finite and >= 0");
        var result = Sample.Normal(key, x.Rows, x.Cols).Buffer; // fresh: ours to overwrite
        var xs = x.Span;
        for (var i = 0; i < result.Length; i++) result[i] = Math.Clamp(xs[i] + sigma * result[i], 0.0, 1.0);
        return Tensor.Wrap(x.Rows, x.Cols, result);
    }

    /// <summary>Sets each pixel to 0 independently with probability p (pixel dropout, no rescaling).</summary>
    [Pure]
    public static Tensor PixelMask(Key key, Tensor x, double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "probability must be in [0, 1]");
        var result = Sample.Uniform(key, x.Rows, x.Cols).Buffer; // fresh: ours to overwrite
        var xs = x.Span;
        for (var i = 0; i < result.Length; i++) result[i] = result[i] < p ? 0.0 : xs[i];
        return Tensor.Wrap(x.Rows, x.Cols, result);
    }

    /// <summary>
    /// Rotates each image about its centre by its own angle a, uniform in [-maxRadians, maxRadians], with
    /// bilinear interpolation: out(p) = x(c + R(-a) (p - c)), c = ((side - 1) / 2, (side - 1) / 2), 0 outside.
    /// </summary>
    [Pure]
    public static Tensor SmallRotation(Key key, Tensor x, int side, double maxRadians)
    {
        RequireSide(x, side);
        if (!(maxRadians >= 0) || double.IsPositiveInfinity(maxRadians))
            throw new ArgumentOutOfRangeException(nameof(maxRadians), maxRadians, "must be finite and >= 0");
        var u = Sample.Uniform(key, x.Rows, 1).Span;
        var angles = new double[x.Rows];
        for (var i = 0; i < angles.Length; i++) angles[i] = maxRadians * (2 * u[i] - 1);
        return AffineEach(x, side, i => RotationMap(side, angles[i]));
    }

    /// <summary>Rotates every image about its centre by the same angle (radians), bilinear, 0 outside.</summary>
    [Pure]
    public static Tensor Rotate(Tensor x, int side, double radians)
    {
        RequireSide(x, side);
        var map = RotationMap(side, radians);
        return AffineEach(x, side, _ => map);
    }

    /// <summary>
    /// A light RandomResizedCrop (Szegedy et al. 2015; SimCLR's main augmentation), square crops only:
    /// per image a crop of side s * side, s uniform in [minScale, 1], at a uniform position inside the
    /// image, resized back to side x side bilinearly: out(r, c) = x(o + s (p + 1/2) - 1/2).
    /// </summary>
    [Pure]
    public static Tensor RandomResizedCrop(Key key, Tensor x, int side, double minScale)
    {
        RequireSide(x, side);
        if (!(minScale > 0 && minScale <= 1)) throw new ArgumentOutOfRangeException(nameof(minScale), minScale, "must be in (0, 1]");
        var u = Sample.Uniform(key, x.Rows, 3).Span.ToArray();
        return AffineEach(x, side, i =>
        {
            var s = minScale + (1 - minScale) * u[3 * i];
            var room = side * (1 - s);
            double ox = room * u[3 * i + 1], oy = room * u[3 * i + 2];
            return new Affine(s, 0, 0, s, ox + 0.5 * s - 0.5, oy + 0.5 * s - 0.5);
        });
    }

    /// <summary>
    /// Applies <paramref name="steps"/> in order, step j with child key key.Split(n)[j]: a pipeline is again
    /// a pure function of (key, batch).
    /// </summary>
    [Pure]
    public static Func<Key, Tensor, Tensor> Compose(params Func<Key, Tensor, Tensor>[] steps)
    {
        var copy = steps.ToArray();
        return (key, x) =>
        {
            var keys = key.Split(copy.Length);
            for (var j = 0; j < copy.Length; j++) x = copy[j](keys[j], x);
            return x;
        };
    }

    /// <summary>
    /// Lecture 4's first pipeline for small grey digits or shapes (<see cref="Models.ImageAugmentation.Light"/>; the claims
    /// use it): random shift of up to 2 pixels, rotation up to 15 degrees, Gaussian noise with sigma 0.1 (clipped), then
    /// pixel mask with p = 0.1. The facade and CLI default to <see cref="Strong"/>, which was measured better.
    /// </summary>
    [Pure]
    public static Func<Key, Tensor, Tensor> Default(int side) => Compose(
        (k, x) => RandomShift(k, x, side, 2),
        (k, x) => SmallRotation(k, x, side, 15 * Math.PI / 180),
        (k, x) => GaussianNoise(k, x, 0.1),
        (k, x) => PixelMask(k, x, 0.1));

    /// <summary>
    /// The strong pipeline for grey digits, glyphs and shapes, scaled to the image side s: a random crop of at least
    /// c(s) s resized back, rotation up to r(s) degrees, elastic distortion with sigma = 4 s / 28 and alpha = 34 (s / 28)^2
    /// (Simard et al.'s 28 x 28 setting, with displacements proportional to the side), Gaussian noise with sigma 0.1
    /// (clipped), then pixel mask with p = 0.1. The crop and rotation were measured at two sizes
    /// (docs/lecture-4-contrastive.md): c = 0.6 and r = 25 at s &gt;= 28 (MNIST), c = 0.8 and r = 15 at s &lt;= 8 (the 8 x 8
    /// UCI digits, where a 0.6 crop keeps under 5 pixels of a stroke), linear in s between. On MNIST-10k these views lift
    /// the 20-d linear probe from 88% (<see cref="Default"/>) to 93-95% in 20 epochs (the sweep's 50-epoch probe; with the
    /// facade's defaults and the converged probe, 95.1-95.6% over seeds 1-3).
    /// </summary>
    [Pure]
    public static Func<Key, Tensor, Tensor> Strong(int side)
    {
        var scale = side / 28.0;
        var small = Math.Clamp((28.0 - side) / 20.0, 0, 1);   // 0 at 28 pixels and above, 1 at 8 and below
        var minCrop = 0.6 + 0.2 * small;
        var maxDegrees = 25 - 10 * small;
        return Compose(
            (k, x) => RandomResizedCrop(k, x, side, minCrop),
            (k, x) => SmallRotation(k, x, side, maxDegrees * Math.PI / 180),
            (k, x) => ElasticDistortion(k, x, side, 34 * scale * scale, 4 * scale),
            (k, x) => GaussianNoise(k, x, 0.1),
            (k, x) => PixelMask(k, x, 0.1));
    }

    /// <summary>Two independent views (augment(k1, x), augment(k2, x)) with (k1, k2) = key.Split(): a SimCLR positive pair per row.</summary>
    [Pure]
    public static (Tensor A, Tensor B) TwoViews(Func<Key, Tensor, Tensor> augment, Key key, Tensor x)
    {
        var (k1, k2) = key.Split();
        return (augment(k1, x), augment(k2, x));
    }

    // source = (A00 c + A01 r + Tx, A10 c + A11 r + Ty), in pixel-index coordinates (x right, y down).
    private readonly record struct Affine(double A00, double A01, double A10, double A11, double Tx, double Ty);

    // Content rotated by a about the centre (clockwise on screen for a > 0, as y points down).
    private static Affine RotationMap(int side, double angle)
    {
        double centre = (side - 1) / 2.0, cos = Math.Cos(angle), sin = Math.Sin(angle);
        // source = centre + [[cos, sin], [-sin, cos]] (p - centre)
        return new Affine(cos, sin, -sin, cos, centre - cos * centre - sin * centre, centre + sin * centre - cos * centre);
    }

    private static Tensor ShiftEach(Tensor x, int side, Func<int, (int Dx, int Dy)> offset)
    {
        var result = Tensor.NewBuffer(x.Rows, x.Cols);
        for (var i = 0; i < x.Rows; i++)
        {
            var (dx, dy) = offset(i);
            var src = x.Row(i);
            var dst = result.AsSpan(i * x.Cols, x.Cols);
            int c0 = Math.Max(0, dx), c1 = Math.Min(side, side + dx); // destination columns with a source
            if (c0 >= c1) continue;
            for (var r = Math.Max(0, dy); r < Math.Min(side, side + dy); r++)
                src.Slice((r - dy) * side + c0 - dx, c1 - c0).CopyTo(dst.Slice(r * side + c0, c1 - c0));
        }
        return Tensor.Wrap(x.Rows, x.Cols, result);
    }

    private static Tensor AffineEach(Tensor x, int side, Func<int, Affine> map)
    {
        var result = Tensor.NewUninitialized(x.Rows, x.Cols);
        for (var i = 0; i < x.Rows; i++)
        {
            var m = map(i);
            var src = x.Row(i);
            var dst = result.AsSpan(i * x.Cols, x.Cols);
            for (var r = 0; r < side; r++)
                for (var c = 0; c < side; c++)
                {
                    var xs = m.A00 * c + m.A01 * r + m.Tx;
                    var ys = m.A10 * c + m.A11 * r + m.Ty;
                    dst[r * side + c] = Bilinear(src, side, xs, ys);
                }
        }
        return Tensor.Wrap(x.Rows, x.Cols, result);
    }

    // Bilinear interpolation at (xs, ys) in pixel-index coordinates; neighbours outside the image count as 0.
    private static double Bilinear(ReadOnlySpan<double> image, int side, double xs, double ys)
    {
        if (!(xs > -1 && xs < side && ys > -1 && ys < side)) return 0.0;
        var x0 = (int)Math.Floor(xs);
        var y0 = (int)Math.Floor(ys);
        double fx = xs - x0, fy = ys - y0;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < side && y0 + 1 < side)
        {
            var at = y0 * side + x0;
            return (1 - fy) * ((1 - fx) * image[at] + fx * image[at + 1])
                 + fy * ((1 - fx) * image[at + side] + fx * image[at + side + 1]);
        }
        return (1 - fy) * ((1 - fx) * Pixel(image, side, x0, y0) + fx * Pixel(image, side, x0 + 1, y0))
             + fy * ((1 - fx) * Pixel(image, side, x0, y0 + 1) + fx * Pixel(image, side, x0 + 1, y0 + 1));
    }

    private static double Pixel(ReadOnlySpan<double> image, int side, int x, int y) =>
        (uint)x < (uint)side && (uint)y < (uint)side ? image[y * side + x] : 0.0;

    private static void RequireSide(Tensor x, int side)
    {
        if (side < 1 || (long)side * side != x.Cols)
            throw new ArgumentException($"each row must be a {side}x{side} image ({(long)side * side} columns), got {x.ShapeString}", nameof(side));
    }
}
