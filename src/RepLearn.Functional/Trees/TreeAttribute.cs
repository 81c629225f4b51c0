namespace RepLearn.Functional.Trees;

/// <summary>
/// Marks a <c>partial record</c> as a tree: the RepLearn.Generators source generator writes its
/// <see cref="ITree{TSelf}"/> members from its fields, in declaration order (positional parameters first):
/// a <see cref="Tensors.Tensor"/> is a leaf; a tree (a [Tree] record, an <see cref="ITree{TSelf}"/>, or a type
/// parameter constrained to one) is a subtree; an <c>ImmutableArray</c> of trees holds children "0", "1", ...;
/// a <c>long</c> is a count (auxiliary data, such as an optimizer's step count: Map and Zip keep it, checkpoints
/// store it); an enum, bool, number or string is static data (kept unchanged, like an Equinox static field).
/// Any other field type is a compile error (RLTREE001) naming the field. An abstract [Tree] record is the root of
/// a polymorphic tree (as <c>OptState</c>): its generated members dispatch to the concrete [Tree] record.
/// Paths are the field names in snake_case unless <see cref="TreePathAttribute"/> says otherwise.
/// </summary>
/// <example><code>
/// [Tree] public sealed partial record Dense(Tensor Weight, Tensor Bias);          // leaves "weight", "bias"
/// [Tree] public sealed partial record Mlp([TreePath("")] ImmutableArray&lt;Dense&gt; Layers, Activation Activation, Activation Output);
/// // leaves "0.weight", "0.bias", "1.weight", ...; the activations are static data
/// </code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TreeAttribute : Attribute;
