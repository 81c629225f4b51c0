using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;
using RepLearn.Generators;
using Xunit;

namespace RepLearn.Tests.Trees;

using Activation = RepLearn.Functional.Nn.Activation;

/// <summary>A tree with every kind of field the generator handles.</summary>
[Tree]
internal sealed partial record Probe(Tensor Scale, [TreePath("count")] long Steps, Activation Act, ImmutableArray<Dense> Blocks, Dense LastLayer, string Name);

/// <summary>
/// The [Tree] generator: the behaviour of what it writes (paths, counts, static data) on a record compiled with
/// the tests, and, on small records compiled in memory, the code it emits and its diagnostics.
/// </summary>
public sealed class TreeGeneratorTests
{
    private static Probe MakeProbe() => new(
        Tensor.Scalar(2), 5, Activation.Tanh, [Dense.Init(Key.FromSeed(1), 2, 3), Dense.Init(Key.FromSeed(2), 3, 1)],
        Dense.Init(Key.FromSeed(3), 1, 1), "probe");

    [Fact]
    public void GeneratedFlattenNamesLeavesAndCountsInFieldOrder()
    {
        Assert.Equal(
            ["scale", "count", "blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias", "last_layer.weight", "last_layer.bias"],
            Tree.Flatten(MakeProbe()).Select(e => e.Path));
        Assert.Equal([("count", 5L)], Tree.Counts(MakeProbe()));
    }

    [Fact]
    public void MapKeepsCountsAndStaticData()
    {
        var p = MakeProbe();
        var mapped = Tree.Map(p, t => Tensor.Filled(t.Rows, t.Cols, 0.5));
        Assert.Equal((5L, Activation.Tanh, "probe", 2), (mapped.Steps, mapped.Act, mapped.Name, mapped.Blocks.Length));
        Assert.All(Tree.Leaves(mapped), l => Assert.All(l.Leaf.ToArray(), v => Assert.Equal(0.5, v)));
        var restored = Tree.Unflatten(p, [.. Tree.Leaves(p).Select(l => l.Leaf)], [9L]);
        Assert.Equal(9L, restored.Steps);
        Assert.Same(p.Scale, restored.Scale);
    }

    [Fact]
    public void EmitsFlattenAndUnflattenForAPartialRecord()
    {
        var (diagnostics, generated, compiled) = Run("""
            using System.Collections.Immutable;
            using RepLearn.Functional.Tensors;
            using RepLearn.Functional.Trees;
            namespace Demo;
            public enum Mode { A, B }
            [Tree] public sealed partial record Leafy(Tensor W, long Steps, Mode Mode);
            [Tree] public sealed partial record Outer([TreePath("")] ImmutableArray<Leafy> Items, Leafy Head);
            [Tree] public abstract partial record Node;
            [Tree] public sealed partial record Holder<T>(T Inner) : Node where T : ITree<T>;
            """);
        Assert.Empty(diagnostics);
        Assert.Empty(compiled.Where(d => d.Severity == DiagnosticSeverity.Error));
        var leafy = generated.Single(s => s.Contains("partial record Leafy", StringComparison.Ordinal));
        Assert.Contains("into.Leaf(\"w\", tree.W);", leafy, StringComparison.Ordinal);
        Assert.Contains("into.Count(\"steps\", tree.Steps);", leafy, StringComparison.Ordinal);
        Assert.DoesNotContain("Mode =", leafy, StringComparison.Ordinal); // static data: kept by 'with', never flattened
        var outer = generated.Single(s => s.Contains("partial record Outer", StringComparison.Ordinal));
        Assert.Contains("into.Subtrees(\"\", tree.Items);", outer, StringComparison.Ordinal);
        Assert.Contains("into.Subtree(\"head\", tree.Head);", outer, StringComparison.Ordinal);
        var holder = generated.Single(s => s.Contains("partial record Holder", StringComparison.Ordinal));
        Assert.Contains("protected override global::Demo.Node UnflattenNode", holder, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsupportedFieldTypeIsAClearError()
    {
        var (diagnostics, _, _) = Run("""
            using System.Collections.Generic;
            using RepLearn.Functional.Tensors;
            using RepLearn.Functional.Trees;
            [Tree] public sealed partial record Bad(Tensor W, List<Tensor> Extra);
            """);
        var d = Assert.Single(diagnostics);
        Assert.Equal(("RLTREE001", DiagnosticSeverity.Error), (d.Id, d.Severity));
        var message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("member 'Extra' has type 'System.Collections.Generic.List<RepLearn.Functional.Tensors.Tensor>'", message, StringComparison.Ordinal);
        Assert.Contains("ImmutableArray", message, StringComparison.Ordinal); // the fix
    }

    [Fact]
    public void ANonPartialOrNonRecordTypeIsAClearError()
    {
        var (diagnostics, _, _) = Run("""
            using RepLearn.Functional.Tensors;
            using RepLearn.Functional.Trees;
            [Tree] public sealed record NotPartial(Tensor W);
            [Tree] public sealed partial class NotARecord { public Tensor W { get; init; } = Tensor.Scalar(0); }
            """);
        Assert.Equal(["RLTREE002", "RLTREE002"], diagnostics.Select(d => d.Id));
        Assert.Contains(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("is not partial", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("is not a record", StringComparison.Ordinal));
    }

    /// <summary>Compiles <paramref name="source"/> against the core with the generator; returns its diagnostics, its output and the compiler's.</summary>
    private static (ImmutableArray<Diagnostic> Generator, List<string> Generated, ImmutableArray<Diagnostic> Compiled) Run(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Tensor).Assembly.Location));
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create("TreeGeneratorTest", [CSharpSyntaxTree.ParseText(source, parse)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([new TreeGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()).ToList();
        return (diagnostics, generated, output.GetDiagnostics());
    }
}
