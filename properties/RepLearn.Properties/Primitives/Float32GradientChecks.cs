using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Primitives;

// The core's DType (the facade's RepLearn.DType, in an enclosing namespace, would win over a using outside it).
using DType = RepLearn.Functional.Tensors.DType;

/// <summary>
/// Every primitive in float32 (the cases of <see cref="PrimitiveCases"/>): its value and pullback against the float64
/// ones at the same (float32-rounded) point (<see cref="Float32Check"/>, which says why this and not float32 finite
/// differences); the float64 pullbacks are themselves checked against central differences by <see cref="GradientChecks"/>.
/// </summary>
[Properties(Arbitrary = [typeof(Gens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public sealed class Float32GradientChecks : PrimitiveCases
{
    /// <inheritdoc />
    protected override void Unary(Func<Tensor, Tensor> op, Tensor x) => Float32Check.Assert(t => Weights.Probe(op(t)), x);

    /// <inheritdoc />
    protected override void Binary(Func<Tensor, Tensor, Tensor> op, Tensor a, Tensor b) => Float32Check.Assert((x, y) => Weights.Probe(op(x, y)), a, b);

    /// <summary>A float32 leaf used in a float64 computation: the cotangent comes back through AsType as float32.</summary>
    [Property] public void AsType(Mat x) => Unary(t => Ops.Exp(Ops.AsType(Ops.AsType(t, DType.Float64), t.DType)), x.Value);
}
