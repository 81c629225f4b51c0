// What most commands use, imported once for the project. Spectre.Console and ScottPlot stay with the files that draw
// with them: both name a Color.
global using System.CommandLine;
global using System.Globalization;
global using RepLearn.Claims;
global using RepLearn.Functional.Checkpoints;
global using RepLearn.Functional.Validation;
