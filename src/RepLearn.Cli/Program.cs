using System.CommandLine;
using RepLearn.Cli;

// replearn: train, evaluate and plot the lectures' models. Errors are one line, no stack trace.
var root = new RootCommand("replearn: representation learning from the lectures (autoencoders, DAEs, VAEs, contrastive encoders)");
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(PlotCommand.Create());
return Cli.Run(root, args);
