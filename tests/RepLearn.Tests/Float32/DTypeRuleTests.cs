using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Float32;

// The core's DType (the facade's RepLearn.DType, in an enclosing namespace, would win over a using outside it).
using DType = RepLearn.Functional.Tensors.DType;

/// <summary>The dtype rules of <see cref="DType"/>: creation, reading, conversion, mixing and weak scalars.</summary>
public sealed class DTypeRuleTests
{
    private static readonly Tensor X64 = Tensor.FromRows([[0.1, -2.5], [1e30, 3.0]]);

    [Fact]
    public void Creation_defaults_to_float64_and_takes_a_dtype()
    {
        Assert.Equal(DType.Float64, X64.DType);
        var x32 = Tensor.FromRows([[0.1, -2.5], [1e30, 3.0]], DType.Float32);
        Assert.Equal(DType.Float32, x32.DType);
        Assert.Equal([0.1f, -2.5f, 1e30f, 3.0f], x32.SpanF32.ToArray());
        Assert.Equal(DType.Float32, Tensor.Zeros(2, 3, DType.Float32).DType);
        Assert.Equal(DType.Float32, Tensor.ZerosLike(x32).DType);
        Assert.Equal(DType.Float32, Sample.Normal(Key.FromSeed(1), 2, 3, DType.Float32).DType);
    }

    [Fact]
    public void A_float32_sample_is_the_float64_sample_rounded()
    {
        var key = Key.FromSeed(7);
        var wide = Sample.Normal(key, 5, 7).ToArray();
        Assert.Equal(wide.Select(v => (double)(float)v), Sample.Normal(key, 5, 7, DType.Float32).ToArray());
    }

    [Fact]
    public void Conversion_rounds_to_nearest_and_widens_exactly()
    {
        var x32 = X64.AsType(DType.Float32);
        Assert.Equal(X64.ToArray().Select(v => (double)(float)v), x32.ToArray());
        Assert.Equal(x32.ToArray(), x32.AsType(DType.Float64).ToArray());
        Assert.Same(X64, X64.AsType(DType.Float64));
        Assert.Equal(3.0, x32[1, 1]);
        Assert.Equal(2.5, Tensor.Scalar(2.5, DType.Float32).ToScalar());
    }

    [Fact]
    public void A_float64_view_of_a_float32_tensor_throws_naming_both_dtypes()
    {
        var x32 = X64.AsType(DType.Float32);
        var e = Assert.Throws<InvalidOperationException>(() => x32.Span.ToArray());
        Assert.Contains("float32", e.Message);
        Assert.Contains("float64", e.Message);
        Assert.Contains("SpanF32", e.Message);
        Assert.Throws<InvalidOperationException>(() => X64.SpanF32.ToArray());
        Assert.Throws<InvalidOperationException>(() => x32.Row(0).ToArray());
    }

    [Fact]
    public void Mixing_dtypes_in_one_operation_is_an_error_naming_both()
    {
        var x32 = X64.AsType(DType.Float32);
        foreach (var op in new Func<Tensor, Tensor, Tensor>[] { Ops.Add, Ops.Sub, Ops.Mul, Ops.Div, (a, b) => Ops.MatMul(a, b), Ops.ConcatRows, Ops.ConcatCols })
        {
            var e = Assert.Throws<ArgumentException>(() => op(X64, x32));
            Assert.Contains("float64", e.Message);
            Assert.Contains("float32", e.Message);
        }
    }

    [Fact]
    public void Scalar_arguments_take_the_tensor_dtype()
    {
        var x32 = Tensor.RowVector([1.0, 2.0], DType.Float32);
        var y = Ops.AddScalar(Ops.Scale(x32, 0.1), 0.1);
        Assert.Equal(DType.Float32, y.DType);
        // Exactly float32 arithmetic with the scalars rounded first: 0.1f * 1 + 0.1f, 0.1f * 2 + 0.1f.
        Assert.Equal([0.1f * 1f + 0.1f, 0.1f * 2f + 0.1f], y.SpanF32.ToArray());
    }

    [Fact]
    public void Float32_kernels_are_float32_arithmetic()
    {
        // Sum of float32 values accumulated in float32: 2^24 + 1 + 1 stays 2^24 at each step, as PyTorch's float sum would on three values.
        var x = Tensor.RowVector([16777216.0, 1.0, 1.0], DType.Float32);
        Assert.Equal(16777216.0, Ops.Sum(x).ToScalar());
        Assert.Equal(16777218.0, Ops.Sum(x.AsType(DType.Float64)).ToScalar());
        var a = Tensor.RowVector([1.1, 2.2, 3.3, 4.4, 5.5, 6.6, 7.7, 8.8, 9.9], DType.Float32);
        var product = Ops.Mul(a, a).SpanF32.ToArray();
        Assert.Equal(a.SpanF32.ToArray().Select(v => v * v), product);
    }
}
