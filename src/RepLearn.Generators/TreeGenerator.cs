namespace RepLearn.Generators;

/// <summary>
/// Writes <c>ITree&lt;T&gt;.Flatten</c> and <c>Unflatten</c> for every <c>[Tree] partial record</c>: tensor fields are
/// leaves, tree fields subtrees, <c>ImmutableArray</c>s of trees subtrees indexed "0", "1", ...; <c>long</c> fields
/// are counts (auxiliary data: rebuilt from the template, listed apart for serialisers) and enums, bools, numbers and
/// strings static data that rebuilding keeps. Map, Zip and Leaves are written once, on top of these, in
/// <c>RepLearn.Functional.Trees.Tree</c> (as Equinox flattens every module with one function).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TreeGenerator : IIncrementalGenerator
{
    /// <summary>The metadata name of the attribute that asks for a tree.</summary>
    public const string TreeAttributeName = "RepLearn.Functional.Trees.TreeAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var trees = context.SyntaxProvider.ForAttributeWithMetadataName(
            TreeAttributeName,
            static (node, _) => node is TypeDeclarationSyntax,
            static (ctx, ct) => TreeModel.Build((INamedTypeSymbol)ctx.TargetSymbol, (TypeDeclarationSyntax)ctx.TargetNode, ct));
        context.RegisterSourceOutput(trees, static (output, tree) =>
        {
            foreach (var diagnostic in tree.Diagnostics) output.ReportDiagnostic(diagnostic);
            if (tree.Diagnostics.Count == 0) output.AddSource(tree.HintName, TreeEmitter.Emit(tree));
        });
    }
}
