namespace RepLearn.Functional.Data;

/// <summary>
/// The contents of a folder in the standard MNIST layout: a training split and, when the folder
/// has the t10k files, a test split. Read with <see cref="Mnist.LoadFolder"/>.
/// </summary>
/// <param name="Train">From train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz].</param>
/// <param name="Test">From t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz], or null when both are absent.</param>
public sealed record MnistFolder(LabeledSplit Train, LabeledSplit? Test);
