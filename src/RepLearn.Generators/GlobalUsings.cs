// The Roslyn and text-building namespaces every file of the generator uses (System, System.Linq and
// System.Collections.Generic come with the SDK's implicit usings).
global using System.Text;
global using Microsoft.CodeAnalysis;
global using Microsoft.CodeAnalysis.CSharp.Syntax;
