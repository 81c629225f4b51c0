namespace RepLearn.Generators;

/// <summary>The generator's errors: each names the record, the member and the fix.</summary>
internal static class TreeDiagnostics
{
    private const string Category = "RepLearn.Trees";

    /// <summary>A member whose type is neither a leaf, a subtree, a list of subtrees, a count nor static data.</summary>
    public static readonly DiagnosticDescriptor UnsupportedMember = new(
        "RLTREE001",
        "A [Tree] record has a member the generator cannot flatten",
        "[Tree] record '{0}': member '{1}' has type '{2}', which the tree generator cannot handle. {3}.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>The attribute is on something other than a partial record class.</summary>
    public static readonly DiagnosticDescriptor NotPartialRecord = new(
        "RLTREE002",
        "[Tree] needs a partial record class",
        "[Tree] type '{0}' {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>The fix offered for an unsupported member type.</summary>
    public const string UnsupportedFix =
        "Use Tensor (a leaf), a tree type (an ITree or [Tree] record, or a type parameter constrained to ITree), " +
        "ImmutableArray of those (children \"0\", \"1\", ...), long (a count: auxiliary data that checkpoints store), " +
        "or an enum, bool, number or string (static data kept unchanged by Map and Zip)";
}
