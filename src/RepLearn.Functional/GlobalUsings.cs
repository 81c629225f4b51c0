// The System namespaces most of the core's files use, imported once (the core's own namespaces: CoreNamespaces.cs).
global using System.Collections.Immutable;
global using System.Diagnostics.Contracts;
global using System.Globalization;
global using System.Runtime.CompilerServices;
