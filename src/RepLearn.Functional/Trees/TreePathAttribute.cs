namespace RepLearn.Functional.Trees;

/// <summary>
/// The path segment a [Tree] record's field gives its leaves, instead of the field's name in snake_case (so that
/// checkpoint names stay as they were: Adam's <c>Steps</c> is stored as "count", a training state's
/// <c>Parameters</c> as "params"). The empty segment splices the field's paths into the parent's: an
/// <see cref="Nn.Mlp"/>'s layers are "0.weight", not "layers.0.weight".
/// </summary>
/// <param name="segment">The segment, without dots at either end; "" to splice.</param>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class TreePathAttribute(string segment) : Attribute
{
    /// <summary>The segment.</summary>
    public string Segment { get; } = segment;
}
