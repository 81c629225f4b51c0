namespace RepLearn.Cli;

/// <summary>A bad command-line argument: the message names the flag and the value; the CLI prints it with usage and exits 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
