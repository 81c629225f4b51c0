namespace RepLearn.Functional.Models;

/// <summary>The image pipeline a contrastive encoder draws its two views from (<see cref="Contrastive.Augmentation"/>).</summary>
public enum ImageAugmentation
{
    /// <summary><see cref="Augment.Default"/>: shifts of up to 2 pixels, rotations up to 15 degrees, noise, pixel masking (Lecture 4's first pipeline).</summary>
    Light,

    /// <summary><see cref="Augment.Strong"/>: crops, rotations, elastic distortion, noise, pixel masking, scaled to the side; the measured best
    /// (docs/lecture-4-contrastive.md) and the facade's and CLI's choice for images.</summary>
    Strong,
}
