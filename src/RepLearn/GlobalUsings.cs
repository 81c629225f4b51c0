// The System namespaces several facade files use, imported once (the core's namespaces come with
// ../RepLearn.Functional/CoreNamespaces.cs, which RepLearn.csproj compiles into the facade too).
global using System.Collections.Immutable;
global using System.Globalization;
