namespace RepLearn.Functional.Data;

/// <summary>
/// The files of a folder in the standard MNIST layout, as <see cref="Mnist.Locate"/> finds them (raw preferred over .gz).
/// </summary>
/// <param name="TrainImages">train-images-idx3-ubyte[.gz].</param>
/// <param name="TrainLabels">train-labels-idx1-ubyte[.gz].</param>
/// <param name="TestImages">t10k-images-idx3-ubyte[.gz], or null when the folder has no test split.</param>
/// <param name="TestLabels">t10k-labels-idx1-ubyte[.gz], or null when the folder has no test split.</param>
public sealed record MnistFiles(string TrainImages, string TrainLabels, string? TestImages, string? TestLabels)
{
    /// <summary>The images files: the training one, then the test one when present.</summary>
    public IReadOnlyList<string> Images => TestImages is null ? [TrainImages] : [TrainImages, TestImages];

    /// <summary>The labels files: the training one, then the test one when present.</summary>
    public IReadOnlyList<string> Labels => TestLabels is null ? [TrainLabels] : [TrainLabels, TestLabels];
}
