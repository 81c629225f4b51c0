namespace RepLearn.Cli;

/// <summary>Runs a command, turning every expected failure into one line on stderr and an exit code.</summary>
internal static class Cli
{
    public const int UsageError = 2;
    public const int DataError = 1;

    /// <summary>The root command with train, eval and plot.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("replearn: representation learning from the lectures (autoencoders, DAEs, VAEs, contrastive encoders), and their claims verified");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(ClaimsCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        return root;
    }

    public static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            Console.Error.WriteLine(Usage(parse.CommandResult.Command));
            return UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            Console.Error.WriteLine(Usage(parse.CommandResult.Command));
            return UsageError;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            return DataError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return DataError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("REPLEARN_DEBUG") is null)
        {
            Console.Error.WriteLine($"error: unexpected {e.GetType().Name}: {OneLine(e.Message)} (set REPLEARN_DEBUG=1 to see the stack trace)");
            return DataError;
        }
    }

    /// <summary>
    /// A message on one line: System.CommandLine's messages (such as the list of allowed values) and some
    /// exception messages span several lines; their lines are trimmed and joined with spaces.
    /// </summary>
    public static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Length > 0));

    /// <summary>A one-line usage hint for a command.</summary>
    public static string Usage(Command command)
    {
        var path = command is RootCommand ? "replearn" : $"replearn {command.Name}";
        var args = string.Concat(command.Arguments.Select(a => $" <{a.Name}>"));
        return $"usage: {path}{args} [options]   (run '{path} --help' for the options)";
    }
}
