using Xunit;

namespace RepLearn.Tests.Packaging;

/// <summary>
/// The packaging tests build, pack, install and run with the dotnet CLI; they run one at a time and never beside
/// another test (each compiles on the machine's few cores).
/// </summary>
[CollectionDefinition("Packaging", DisableParallelization = true)]
public sealed class PackagingCollection;
