using RepLearn.Cli;

// replearn: train, evaluate and plot the lectures' models. Errors are one line, no stack trace.
return Cli.Run(Cli.CreateRoot(), args);
