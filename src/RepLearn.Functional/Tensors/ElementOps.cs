using System.Numerics;
using System.Runtime.Intrinsics;

namespace RepLearn.Functional.Tensors;

// The element-wise operators VectorMath runs, each for double and float. Scalar forms that need the accurate double
// functions of Numerics.Scalar evaluate them at the exactly widened argument and round the result once for float32
// (so float32 gets the correctly rounded float64 value; CreateTruncating is the identity for double).

/// <summary>e^x.</summary>
internal readonly struct ExpOp : IUnaryOp
{
    public static T Scalar<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Exp(x);
    public static Vector512<T> Vector<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> => VectorExpLog.Exp(x);
}

/// <summary>ln x.</summary>
internal readonly struct LogOp : IUnaryOp
{
    public static T Scalar<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Log(x);
    public static Vector512<T> Vector<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> => VectorExpLog.Log(x);
}

/// <summary>softplus(x) = max(x, 0) + log1p(e^-|x|).</summary>
internal readonly struct SoftplusOp : IUnaryOp
{
    public static T Scalar<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Numerics.Scalar.Softplus(double.CreateTruncating(x)));
    public static Vector512<T> Vector<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.Max(x, Vector512<T>.Zero) + VectorMath.Log1pSmall(VectorExpLog.Exp(-Vector512.Abs(x)));
}

/// <summary>The logistic sigmoid.</summary>
internal readonly struct SigmoidOp : IUnaryOp
{
    public static T Scalar<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(Numerics.Scalar.Sigmoid(double.CreateTruncating(x)));
    public static Vector512<T> Vector<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> => VectorMath.Sigmoid(x);
}

/// <summary>max(x, 0).</summary>
internal readonly struct ReluOp : IUnaryOp
{
    public static T Scalar<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => x > T.Zero ? x : T.Zero;
    public static Vector512<T> Vector<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), x, Vector512<T>.Zero);
}

/// <summary>x^2.</summary>
internal readonly struct SquareOp : IUnaryOp
{
    public static T Scalar<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => x * x;
    public static Vector512<T> Vector<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> => x * x;
}

/// <summary>Pullback of softplus: ct sigmoid(x).</summary>
internal readonly struct SoftplusGradOp : IBinaryOp
{
    public static T Scalar<T>(T ct, T x) where T : unmanaged, IFloatingPointIeee754<T> => ct * T.CreateTruncating(Numerics.Scalar.Sigmoid(double.CreateTruncating(x)));
    public static Vector512<T> Vector<T>(Vector512<T> ct, Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> => ct * VectorMath.Sigmoid(x);
}

/// <summary>Pullback of relu: ct where x &gt; 0, else 0.</summary>
internal readonly struct ReluGradOp : IBinaryOp
{
    public static T Scalar<T>(T ct, T x) where T : unmanaged, IFloatingPointIeee754<T> => x > T.Zero ? ct : T.Zero;
    public static Vector512<T> Vector<T>(Vector512<T> ct, Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), ct, Vector512<T>.Zero);
}

/// <summary>Pullback of sigmoid from its output: ct y (1 - y).</summary>
internal readonly struct SigmoidGradOp : IBinaryOp
{
    public static T Scalar<T>(T ct, T y) where T : unmanaged, IFloatingPointIeee754<T> => ct * y * (T.One - y);
    public static Vector512<T> Vector<T>(Vector512<T> ct, Vector512<T> y) where T : unmanaged, IFloatingPointIeee754<T> => ct * y * (Vector512<T>.One - y);
}

/// <summary>Pullback of x^2: 2 x ct.</summary>
internal readonly struct SquareGradOp : IBinaryOp
{
    public static T Scalar<T>(T ct, T x) where T : unmanaged, IFloatingPointIeee754<T> => (T.One + T.One) * x * ct;
    public static Vector512<T> Vector<T>(Vector512<T> ct, Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> => (x + x) * ct;
}

/// <summary>Pullback of ln: ct / x.</summary>
internal readonly struct DivideOp : IBinaryOp
{
    public static T Scalar<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => a / b;
    public static Vector512<T> Vector<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a / b;
}
