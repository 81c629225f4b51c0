namespace RepLearn.Cli;

/// <summary>
/// Saves the model being trained to --out after each chunk of epochs. Every save is atomic, so a failed one
/// (a full disk) leaves the previous checkpoint whole; the failure is kept for the run to report and end on.
/// </summary>
internal sealed class CheckpointWriter(IRepresentationModel model, string path, bool overwrite)
{
    private int savedEpoch = -1;

    /// <summary>True once this run has written the checkpoint.</summary>
    public bool Written => savedEpoch >= 0;

    /// <summary>Why the last save failed, naming the file and the epoch it still holds; null when every save succeeded.</summary>
    public string? Failure { get; private set; }

    /// <summary>Saves the model's current state; false (with <see cref="Failure"/> set) when the file system refused.</summary>
    public bool Save()
    {
        try
        {
            // The first save honours --force (checked before training); later ones replace this run's own file.
            model.Save(path, overwrite: overwrite || Written);
            savedEpoch = model.EpochsCompleted;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Failure = $"--out {path}: could not save the checkpoint after epoch {model.EpochsCompleted} ({Cli.OneLine(e.Message)}); "
                + (Written ? $"the file still holds epoch {savedEpoch}" : "no checkpoint was written by this run");
            return false;
        }
    }
}
