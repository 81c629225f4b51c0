namespace RepLearn.Functional.Training;

/// <summary>Why training stopped early, if it did.</summary>
public enum FitStop
{
    /// <summary>All epochs ran.</summary>
    Completed,
    /// <summary>The cancellation token fired; the result holds the last completed step's state.</summary>
    Cancelled,
    /// <summary>A loss or gradient was not finite; the result holds the last good parameters.</summary>
    NonFinite,
    /// <summary>The epoch hook asked to stop (early stopping, or the caller's own rule); the result holds that epoch's state.</summary>
    Requested,
}

