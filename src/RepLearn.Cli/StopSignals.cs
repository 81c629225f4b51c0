using System.Runtime.InteropServices;

namespace RepLearn.Cli;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM (what kill, containers and schedulers send) into a cancellation, so that
/// training stops after the current step and the last completed epoch is saved. A second signal is not caught:
/// it ends the process at once, as a user pressing Ctrl-C twice expects.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly ConsoleCancelEventHandler onCtrlC;
    private readonly PosixSignalRegistration? onTerm;

    public StopSignals()
    {
        onCtrlC = (_, e) => e.Cancel = Stop();
        Console.CancelKeyPress += onCtrlC;
        try
        {
            onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = Stop());
        }
        catch (PlatformNotSupportedException)
        {
            onTerm = null; // no SIGTERM here: Ctrl-C still stops cleanly
        }
    }

    /// <summary>Fires on the first signal.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Cancels on the first signal and returns true (handled); returns false on a later one, letting it end the process.</summary>
    private bool Stop()
    {
        if (source.IsCancellationRequested) return false;
        source.Cancel();
        return true;
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= onCtrlC;
        onTerm?.Dispose();
        source.Dispose();
    }
}
