namespace RepLearn.Functional.Data;

/// <summary>
/// A dSprites-like procedural dataset (Matthey et al. 2017, "dSprites: disentanglement testing
/// sprites dataset"; used by Higgins et al. 2017, beta-VAE): 28 x 28 grey images in [0, 1] of one
/// white shape on black, generated from five independent, uniformly sampled discrete factors
/// <list type="table">
/// <item><term>shape</term><description>3 values: square, ellipse, heart</description></item>
/// <item><term>scale</term><description>6 values: s = 0.5 + 0.1 i, so the shape's radius is R = 6 s pixels (3..6)</description></item>
/// <item><term>orientation</term><description>8 values: theta = i pi / 16 in [0, pi/2), counter-clockwise</description></item>
/// <item><term>posX</term><description>8 values: centre x = 7.5 + 13 i / 7 pixels (7.5..20.5), left to right</description></item>
/// <item><term>posY</term><description>8 values: centre y = 7.5 + 13 i / 7 pixels, top to bottom</description></item>
/// </list>
/// 3 * 6 * 8 * 8 * 8 = 9216 distinct images. Orientations cover a quarter turn so that every factor
/// is identifiable from the image for every shape (dSprites' full turn makes the orientation of its
/// symmetric shapes ambiguous). Pixel (r, c) covers [c, c + 1] x [r, r + 1]; its value is the
/// fraction of a 4 x 4 grid of sub-samples inside the shape (anti-aliasing), so every value is
/// k / 16 exactly and the images are bit-for-bit reproducible.
/// </summary>
/// <example><code>
/// var data = Shapes.Generate(Key.FromSeed(0), 10_000); // data.Images: 10000 x 784
/// int[] labels = data.Labels;                           // the shape factor (a fresh copy), for a probe
/// </code></example>
public static class Shapes
{
    /// <summary>Image side in pixels.</summary>
    public const int Side = 28;

    /// <summary>Pixels per image, Side * Side = 784.</summary>
    public const int Pixels = Side * Side;

    /// <summary>Position of the shape factor in each row of <see cref="ShapesData.Factors"/>.</summary>
    public const int ShapeFactor = 0;

    /// <summary>Column of the scale factor.</summary>
    public const int ScaleFactor = 1;

    /// <summary>Column of the orientation factor.</summary>
    public const int OrientationFactor = 2;

    /// <summary>Column of the horizontal position factor.</summary>
    public const int PosXFactor = 3;

    /// <summary>Column of the vertical position factor.</summary>
    public const int PosYFactor = 4;

    private const int SuperSamples = 4;
    private const double BaseRadius = 6.0;
    private const double BoundingRadius = 1.25; // every shape lies in the disc of radius 1.25 R

    // The three lists below are read-only collection expressions: the compiler backs them with a
    // read-only type (not an array), so no caller can write to them through a cast.

    /// <summary>The factor names, in column order: shape, scale, orientation, posX, posY.</summary>
    public static IReadOnlyList<string> FactorNames { get; } = ["shape", "scale", "orientation", "posX", "posY"];

    /// <summary>The number of values of each factor, in column order: 3, 6, 8, 8, 8.</summary>
    public static IReadOnlyList<int> FactorSizes { get; } = [3, 6, 8, 8, 8];

    /// <summary>The shape names by index: square, ellipse, heart.</summary>
    public static IReadOnlyList<string> ShapeNames { get; } = ["square", "ellipse", "heart"];

    /// <summary>The scale of index i: s = 0.5 + 0.1 i (radius 6 s pixels).</summary>
    [Pure]
    public static double ScaleValue(int index) => 0.5 + 0.1 * Check(index, ScaleFactor);

    /// <summary>The orientation of index i in radians: theta = i pi / 16.</summary>
    [Pure]
    public static double OrientationValue(int index) => Check(index, OrientationFactor) * Math.PI / 16;

    /// <summary>The centre coordinate (x or y, in pixels) of position index i: 7.5 + 13 i / 7.</summary>
    [Pure]
    public static double PositionValue(int index) => 7.5 + 13.0 * Check(index, PosXFactor) / 7;

    /// <summary>
    /// <paramref name="count"/> images whose five factors are drawn independently and uniformly
    /// (factor j from its own child key: key.Split(5)[j]), then rasterised. A pure function of the key.
    /// </summary>
    [Pure]
    public static ShapesData Generate(Key key, int count) => FromFactors(Sampler.SampleFactors(key, count));

    /// <summary>The generator as a factor sampler (<see cref="ShapesSampler"/>), for the sampled disentanglement metrics.</summary>
    public static ShapesSampler Sampler => ShapesSampler.Instance;

    /// <summary>
    /// The images for given factor indices (n x 5), e.g. to hold some factors fixed. The result holds
    /// an immutable copy of <paramref name="factors"/>, one row per image.
    /// </summary>
    [Pure]
    public static ShapesData FromFactors(int[,] factors)
    {
        if (factors.GetLength(1) != FactorSizes.Count)
            throw new ArgumentException($"factors must have {FactorSizes.Count} columns, got {factors.GetLength(1)}", nameof(factors));
        var n = factors.GetLength(0);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < FactorSizes.Count; j++)
                if ((uint)factors[i, j] >= (uint)FactorSizes[j])
                    throw new ArgumentOutOfRangeException(nameof(factors), factors[i, j], $"factors[{i}, {j}] ({FactorNames[j]}) must be in [0, {FactorSizes[j]})");
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<int>>(n);
        for (var i = 0; i < n; i++) rows.Add([factors[i, 0], factors[i, 1], factors[i, 2], factors[i, 3], factors[i, 4]]);
        var copy = rows.MoveToImmutable();
        var buffer = Tensor.NewBuffer(n, Pixels);
        Parallel.For(0, n, i => RenderInto(buffer.AsSpan(i * Pixels, Pixels), copy[i][0], copy[i][1], copy[i][2], copy[i][3], copy[i][4]));
        return new ShapesData(Tensor.Wrap(n, Pixels, buffer), copy, FactorNames, [.. FactorSizes]);
    }

    /// <summary>Every one of the 9216 factor combinations once, in lexicographic order (posY fastest), as dSprites ships.</summary>
    [Pure]
    public static ShapesData All()
    {
        var total = FactorSizes.Aggregate(1, (a, b) => a * b);
        var factors = new int[total, FactorSizes.Count];
        for (var i = 0; i < total; i++)
        {
            var rest = i;
            for (var j = FactorSizes.Count - 1; j >= 0; j--)
            {
                factors[i, j] = rest % FactorSizes[j];
                rest /= FactorSizes[j];
            }
        }
        return FromFactors(factors);
    }

    /// <summary>One image (1 x 784) for the given factor indices.</summary>
    [Pure]
    public static Tensor Render(int shape, int scale, int orientation, int posX, int posY) =>
        FromFactors(new[,] { { shape, scale, orientation, posX, posY } }).Images;

    /// <summary>The shape factor of each image (0 square, 1 ellipse, 2 heart): labels for a linear probe, as a fresh array.</summary>
    [Pure]
    public static int[] Label(ShapesData data) => data.Labels;

    /// <summary>
    /// Rasterises one shape: a sub-sample at image point p is inside when its local coordinates
    /// (u, v) = Rot(-theta) (p_x - c_x, c_y - p_y) / R satisfy the shape's inequality
    /// (square: max(|u|, |v|) &lt;= 0.8; ellipse: u^2 + (v / 0.55)^2 &lt;= 1;
    /// heart: (a^2 + b^2 - 1)^3 - a^2 b^3 &lt;= 0 with a = 1.12 u, b = 1.12 v + 0.118).
    /// Only pixels within the bounding disc are visited; the rest stay 0.
    /// </summary>
    private static void RenderInto(Span<double> image, int shape, int scale, int orientation, int posX, int posY)
    {
        var radius = BaseRadius * ScaleValue(scale);
        var theta = OrientationValue(orientation);
        double cx = PositionValue(posX), cy = PositionValue(posY);
        double cos = Math.Cos(theta) / radius, sin = Math.Sin(theta) / radius;
        var reach = BoundingRadius * radius;
        int c0 = Math.Max(0, (int)Math.Floor(cx - reach)), c1 = Math.Min(Side - 1, (int)Math.Floor(cx + reach));
        int r0 = Math.Max(0, (int)Math.Floor(cy - reach)), r1 = Math.Min(Side - 1, (int)Math.Floor(cy + reach));
        const double step = 1.0 / SuperSamples, weight = 1.0 / (SuperSamples * SuperSamples);
        for (var r = r0; r <= r1; r++)
            for (var c = c0; c <= c1; c++)
            {
                var inside = 0;
                for (var sy = 0; sy < SuperSamples; sy++)
                {
                    var dy = cy - (r + (sy + 0.5) * step); // up is positive
                    for (var sx = 0; sx < SuperSamples; sx++)
                    {
                        var dx = c + (sx + 0.5) * step - cx;
                        // (u, v) = Rot(-theta) (dx, dy) / R
                        var u = cos * dx + sin * dy;
                        var v = -sin * dx + cos * dy;
                        if (Inside(shape, u, v)) inside++;
                    }
                }
                image[r * Side + c] = inside * weight;
            }
    }

    private static bool Inside(int shape, double u, double v)
    {
        switch (shape)
        {
            case 0:
                return Math.Abs(u) <= 0.8 && Math.Abs(v) <= 0.8;
            case 1:
                var w = v / 0.55;
                return u * u + w * w <= 1;
            default:
                double a = 1.12 * u, b = 1.12 * v + 0.118;
                var q = a * a + b * b - 1;
                return q * q * q - a * a * b * b * b <= 0;
        }
    }

    private static int Check(int index, int factor) =>
        (uint)index < (uint)FactorSizes[factor]
            ? index
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"{FactorNames[factor]} index must be in [0, {FactorSizes[factor]})");
}
