namespace RepLearn.Functional.Models;

/// <summary>The image pipeline a contrastive encoder draws its two views from (<see cref="Contrastive.Augmentation"/>).</summary>
public enum ImageAugmentation
{
    /// <summary><see cref="Augment.Default"/>: shifts of up to 2 pixels, rotations up to 15 degrees, noise, pixel masking.</summary>
    Default,

    /// <summary><see cref="Augment.Strong"/>: crops, rotations up to 25 degrees, elastic distortion, noise, pixel masking, scaled to the side.</summary>
    Strong,
}
