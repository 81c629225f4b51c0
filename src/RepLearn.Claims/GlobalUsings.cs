// The vocabulary every claim is written in, imported once for the project: the core's namespaces, FsCheck for the
// generated cases, MathNet's dense matrices for independent reference formulas, and the claim assertions.
//
// Names the facade also defines (Activation, Autoencoder, Likelihood) cannot be aliased here: for code in
// RepLearn.Claims the facade's types in the enclosing namespace RepLearn win over any global using, so the files
// that mean the core's types alias them inside their namespace.

global using FsCheck;
global using FsCheck.Fluent;
global using MathNet.Numerics.LinearAlgebra;
global using RepLearn.Functional.Autodiff;
global using RepLearn.Functional.Data;
global using RepLearn.Functional.Information;
global using RepLearn.Functional.Keys;
global using RepLearn.Functional.Models;
global using RepLearn.Functional.Nn;
global using RepLearn.Functional.Optim;
global using RepLearn.Functional.Tensors;
global using RepLearn.Functional.Training;
global using System.Collections.Immutable;
global using static RepLearn.Claims.ClaimCheck;
global using Core = RepLearn.Functional.Objectives.Losses;
global using Facade = RepLearn.Losses;
