namespace RepLearn.Functional.Checkpoints;

/// <summary>What <see cref="Checkpoint.Load{T}"/> returns: the parameter tree and the hyperparameters it was saved with.</summary>
/// <typeparam name="T">The parameter tree type.</typeparam>
/// <param name="Parameters">The validated parameters (shapes as the template, all values finite).</param>
/// <param name="Hyperparameters">The caller's hyperparameters from the metadata, reserved keys removed.</param>
public sealed record LoadedCheckpoint<T>(T Parameters, IReadOnlyDictionary<string, string> Hyperparameters) where T : ITree<T>
{
    /// <summary>
    /// What the user should know about the file that is not an error, read-only (empty for a current file); e.g.
    /// <see cref="Checkpoint.FormatVersion1Note"/> for a file written by format version 1.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.AsReadOnly(Array.Empty<string>());
}
