using FsCheck.Xunit;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Primitives;

/// <summary>
/// Every primitive's float64 pullback (the cases of <see cref="PrimitiveCases"/>) against central finite differences
/// (NUMERICS.md, "Gradient checks", <see cref="GradCheck"/>); kinks and saturation are fixed points in
/// GradientChecks.Edges.cs.
/// </summary>
[Properties(Arbitrary = [typeof(Gens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public sealed partial class GradientChecks : PrimitiveCases
{
    /// <inheritdoc />
    protected override void Unary(Func<Tensor, Tensor> op, Tensor x) => GradCheck.Assert(t => Weights.Probe(op(t)), x);

    /// <inheritdoc />
    protected override void Binary(Func<Tensor, Tensor, Tensor> op, Tensor a, Tensor b) => GradCheck.Assert((x, y) => Weights.Probe(op(x, y)), a, b);
}
