namespace RepLearn.Claims;

/// <summary>
/// Generated glyph images for the synthetic half of L4-learns, built so that the claim's mechanism is visible without MNIST:
/// 10 classes, each a fixed random 8 x 8 binary pattern (density 0.35, from a fixed template seed); an image (16 x 16, pixels in
/// [0, 1]) is its class's pattern placed at a random offset of up to +-2 pixels from the centre, with a random ink intensity in
/// [0.6, 1] and Gaussian pixel noise (sigma 0.1, clipped). Within a class the images differ by the nuisances only — position,
/// intensity and noise — which are what the augmentations (<see cref="Augment"/>: shifts of up to 2 pixels, noise, masking) imitate;
/// position is not linear in the pixels, so PCA followed by a linear probe struggles with it.
/// </summary>
internal static class Glyphs
{
    public const int Side = 16;
    public const int Classes = 10;
    private const int Template = 8;
    private const int MaxOffset = 2;
    private const double Density = 0.35;
    private const long TemplateSeed = 77;

    /// <summary>n images (n x 256) and their labels, drawn from <paramref name="key"/>; the class templates are fixed.</summary>
    public static (Tensor Images, int[] Labels) Generate(Key key, int n)
    {
        var templates = Sample.Uniform(Key.FromSeed(TemplateSeed), Classes, Template * Template);
        var keys = key.Split(4);
        var labels = Sample.Integers(keys[0], n, Classes);
        var offsets = Sample.Integers(keys[1], 2 * n, 2 * MaxOffset + 1);
        var intensity = Sample.Uniform(keys[2], n, 1);
        var noise = Sample.Normal(keys[3], n, Side * Side);
        const int corner = (Side - Template) / 2;
        var images = Tensor.Create(n, Side * Side, (i, p) =>
        {
            int r = p / Side - (corner + offsets[2 * i] - MaxOffset), c = p % Side - (corner + offsets[2 * i + 1] - MaxOffset);
            var ink = r is >= 0 and < Template && c is >= 0 and < Template && templates[labels[i], r * Template + c] < Density
                ? 0.6 + 0.4 * intensity[i, 0]
                : 0.0;
            return Math.Clamp(ink + 0.1 * noise[i, p], 0, 1);
        });
        return (images, labels);
    }

    /// <summary>The augmentations contrastive training uses on glyphs: a random shift of up to 2 pixels, noise (sigma 0.1), masking (p = 0.1).</summary>
    public static Func<Key, Tensor, Tensor> Augmentation { get; } = Augment.Compose(
        (k, x) => Augment.RandomShift(k, x, Side, MaxOffset),
        (k, x) => Augment.GaussianNoise(k, x, 0.1),
        (k, x) => Augment.PixelMask(k, x, 0.1));
}
