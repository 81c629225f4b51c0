namespace RepLearn.Generators;

/// <summary>How a member takes part in flattening.</summary>
internal enum MemberKind
{
    /// <summary>A Tensor: one leaf.</summary>
    Leaf,
    /// <summary>A tree: its leaves under the member's path segment.</summary>
    Subtree,
    /// <summary>An ImmutableArray of trees: child i under "segment.i".</summary>
    Subtrees,
    /// <summary>A long: a count, auxiliary data rebuilt from the template and listed for serialisers.</summary>
    Count,
    /// <summary>Static data (enum, bool, number, string): not flattened, kept by rebuilding.</summary>
    Static,
}

/// <summary>One member of a tree record, in flattening order.</summary>
internal sealed class TreeMember(string name, string segment, MemberKind kind)
{
    public string Name { get; } = name;
    public string Segment { get; } = segment;
    public MemberKind Kind { get; } = kind;
}

/// <summary>What the emitter needs to know about one [Tree] record (or the diagnostics that stop it).</summary>
internal sealed class TreeModel
{
    private const string TreesNamespace = "RepLearn.Functional.Trees";
    private const string TreePathAttributeName = "TreePathAttribute";

    public string HintName { get; private set; } = "";
    public string? Namespace { get; private set; }
    /// <summary>Declarations of the containing types, outermost first (e.g. "partial class Outer").</summary>
    public List<string> Containers { get; } = [];
    /// <summary>The record's declaration head, e.g. "partial record AdamState&lt;T&gt;".</summary>
    public string Declaration { get; private set; } = "";
    /// <summary>The record's type as written inside itself, fully qualified (e.g. global::N.AdamState&lt;T&gt;).</summary>
    public string Self { get; private set; } = "";
    /// <summary>Abstract: the root of a polymorphic tree; Flatten and Unflatten dispatch to the concrete record.</summary>
    public bool IsAbstractRoot { get; private set; }
    /// <summary>The abstract [Tree] base whose dispatch hooks this record overrides, or null.</summary>
    public string? TreeBase { get; private set; }
    public List<TreeMember> Members { get; } = [];
    public List<Diagnostic> Diagnostics { get; } = [];

    public static TreeModel Build(INamedTypeSymbol type, TypeDeclarationSyntax syntax, CancellationToken cancellation)
    {
        var model = new TreeModel
        {
            HintName = Sanitise(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)) + ".Tree.g.cs",
            Namespace = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            Self = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Declaration = "partial record " + type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            IsAbstractRoot = type.IsAbstract,
        };
        var location = syntax.Identifier.GetLocation();
        if (!type.IsRecord || type.TypeKind != TypeKind.Class)
            model.Diagnostics.Add(Diagnostic.Create(TreeDiagnostics.NotPartialRecord, location, type.Name, "is not a record class: declare it 'partial record'"));
        else if (!syntax.Modifiers.Any(m => m.ValueText == "partial"))
            model.Diagnostics.Add(Diagnostic.Create(TreeDiagnostics.NotPartialRecord, location, type.Name, "is not partial: declare it 'partial record' so that the generator can add Flatten and Unflatten"));
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            model.Containers.Insert(0, "partial " + Keyword(outer) + " " + outer.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));

        if (type.BaseType is { } baseType && HasTreeAttribute(baseType))
        {
            if (baseType.IsAbstract) model.TreeBase = baseType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            else model.Diagnostics.Add(Diagnostic.Create(TreeDiagnostics.NotPartialRecord, location, type.Name,
                $"derives from the non-abstract tree '{baseType.Name}': a tree may derive only from an abstract [Tree] record (the root of a polymorphic tree)"));
        }

        var primary = type.InstanceConstructors.FirstOrDefault(c => c.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellation) is TypeDeclarationSyntax));
        foreach (var (name, memberType, attributes, settable, memberLocation) in Fields(type, primary, cancellation))
        {
            var kind = Classify(memberType);
            if (kind is null || (kind != MemberKind.Static && kind != MemberKind.Count && memberType.NullableAnnotation == NullableAnnotation.Annotated))
            {
                var why = kind is null ? TreeDiagnostics.UnsupportedFix : "A tree's leaves and subtrees cannot be null: drop the '?'";
                model.Diagnostics.Add(Diagnostic.Create(TreeDiagnostics.UnsupportedMember, memberLocation ?? location, type.Name, name, memberType.ToDisplayString(), why));
                continue;
            }
            if (kind != MemberKind.Static && !settable)
            {
                model.Diagnostics.Add(Diagnostic.Create(TreeDiagnostics.UnsupportedMember, memberLocation ?? location, type.Name, name, memberType.ToDisplayString(),
                    "Unflatten rebuilds a tree with 'with', so this member needs an init or set accessor (a positional record parameter has one)"));
                continue;
            }
            var segment = attributes.Where(a => a.AttributeClass is { Name: TreePathAttributeName } c && c.ContainingNamespace.ToDisplayString() == TreesNamespace)
                .Select(a => a.ConstructorArguments.FirstOrDefault().Value as string).FirstOrDefault(s => s is not null) ?? SnakeCase(name);
            model.Members.Add(new TreeMember(name, segment, kind.Value));
        }
        if (model.IsAbstractRoot && model.Members.Any(m => m.Kind != MemberKind.Static))
            model.Diagnostics.Add(Diagnostic.Create(TreeDiagnostics.NotPartialRecord, location, type.Name,
                "is abstract (the root of a polymorphic tree) but has leaves, subtrees or counts: put them in the concrete records"));
        return model;
    }

    /// <summary>
    /// The instance data members in flattening order: the primary constructor's parameters first, then other
    /// auto-properties and fields in source order. Attributes come from the property and its positional parameter.
    /// </summary>
    private static IEnumerable<(string Name, ITypeSymbol Type, List<AttributeData> Attributes, bool Settable, Location? Location)> Fields(
        INamedTypeSymbol type, IMethodSymbol? primary, CancellationToken cancellation)
    {
        var parameters = primary?.Parameters.ToDictionary(p => p.Name) ?? [];
        var order = primary?.Parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i) ?? [];
        var members = new List<(int Position, int Offset, (string, ITypeSymbol, List<AttributeData>, bool, Location?) Member)>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            cancellation.ThrowIfCancellationRequested();
            if (field.IsStatic || field.IsConst) continue;
            ISymbol member = field.AssociatedSymbol as IPropertySymbol ?? (ISymbol)field;
            if (member.IsImplicitlyDeclared && member is IFieldSymbol) continue;
            var memberType = member is IPropertySymbol p ? p.Type : field.Type;
            var attributes = member.GetAttributes().ToList();
            if (parameters.TryGetValue(member.Name, out var parameter)) attributes.AddRange(parameter.GetAttributes());
            var settable = member is IPropertySymbol { SetMethod: not null } || member is IFieldSymbol { IsReadOnly: false };
            var location = member.Locations.FirstOrDefault(l => l.IsInSource);
            var position = order.TryGetValue(member.Name, out var i) ? i : int.MaxValue;
            members.Add((position, location?.SourceSpan.Start ?? 0, (member.Name, memberType, attributes, settable, location)));
        }
        return members.OrderBy(m => m.Position).ThenBy(m => m.Offset).Select(m => m.Member);
    }

    private static MemberKind? Classify(ITypeSymbol type)
    {
        if (IsTensor(type)) return MemberKind.Leaf;
        if (IsTree(type)) return MemberKind.Subtree;
        if (type is INamedTypeSymbol { IsGenericType: true } named
            && named.ConstructedFrom.ToDisplayString() == "System.Collections.Immutable.ImmutableArray<T>")
        {
            var element = named.TypeArguments[0];
            return IsTensor(element) || IsTree(element) ? MemberKind.Subtrees : null;
        }
        if (type.SpecialType == SpecialType.System_Int64) return MemberKind.Count;
        if (type.TypeKind == TypeKind.Enum) return MemberKind.Static;
        return type.SpecialType switch
        {
            SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
                or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
                or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal
                or SpecialType.System_String => MemberKind.Static,
            _ => null,
        };
    }

    private static bool IsTensor(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Tensor" } t && t.ContainingNamespace.ToDisplayString() == "RepLearn.Functional.Tensors";

    /// <summary>
    /// A tree: a type parameter constrained to ITree of itself, a [Tree] record (or one derived from an abstract [Tree]
    /// record; its ITree is generated in this same pass, so it is not yet visible), or a type implementing ITree of itself.
    /// </summary>
    private static bool IsTree(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol p => p.ConstraintTypes.Any(c => IsTreeInterfaceOf(c, p)),
        INamedTypeSymbol n => HasTreeAttribute(n) || (n.BaseType is { } b && HasTreeAttribute(b)) || n.AllInterfaces.Any(i => IsTreeInterfaceOf(i, n)),
        _ => false,
    };

    private static bool IsTreeInterfaceOf(ITypeSymbol candidate, ITypeSymbol self) =>
        candidate is INamedTypeSymbol { Name: "ITree", Arity: 1 } i && i.ContainingNamespace.ToDisplayString() == TreesNamespace
        && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], self);

    private static bool HasTreeAttribute(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == TreeGenerator.TreeAttributeName);

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (_, TypeKind.Struct) => "struct",
        (_, TypeKind.Interface) => "interface",
        _ => "class",
    };

    /// <summary>PascalCase to snake_case: LogVar -> log_var, Weight -> weight.</summary>
    internal static string SnakeCase(string name)
    {
        var s = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                s.Append('_');
            s.Append(char.ToLowerInvariant(c));
        }
        return s.ToString();
    }

    private static string Sanitise(string name) =>
        new(name.Replace("global::", "").Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_').ToArray());
}
