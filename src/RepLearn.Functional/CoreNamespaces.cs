// The core's namespaces, imported once for the core and for the facade (RepLearn.csproj compiles this file too), so
// that a file's own using lines name only what is particular to it. In the facade, whose types live in namespace
// RepLearn, a facade type with the same simple name as a core one (Vae, Likelihood, OnnxExport) is the one meant.
global using RepLearn.Functional.Autodiff;
global using RepLearn.Functional.Checkpoints;
global using RepLearn.Functional.Data;
global using RepLearn.Functional.Evaluation;
global using RepLearn.Functional.Export;
global using RepLearn.Functional.Information;
global using RepLearn.Functional.Keys;
global using RepLearn.Functional.Latent;
global using RepLearn.Functional.Models;
global using RepLearn.Functional.Nn;
global using RepLearn.Functional.Numerics;
global using RepLearn.Functional.Objectives;
global using RepLearn.Functional.Optim;
global using RepLearn.Functional.Resources;
global using RepLearn.Functional.Tensors;
global using RepLearn.Functional.Training;
global using RepLearn.Functional.Trees;
global using RepLearn.Functional.Validation;
