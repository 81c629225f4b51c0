using System.Diagnostics;
using System.Numerics;
using System.Runtime.Intrinsics;
using RepLearn.Functional.Tensors;

namespace RepLearn.Bench;

/// <summary>
/// Stopwatch microseconds for e^x and ln x over a 128 x 784 batch (100,352 elements): the library's element loop
/// (VectorMath.Map with its own vector exp/log) beside the same loop on .NET's Vector512.Exp / Log. Median of 400 runs.
/// </summary>
public static class ExpLogQuick
{
    private const int Length = 128 * 784;

    public static void Run()
    {
        Console.WriteLine($"vector ISA: Vector512 accelerated {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}");
        Report<double>();
        Report<float>();
    }

    private static void Report<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(1);
        var x = Enumerable.Range(0, Length).Select(_ => T.CreateTruncating(0.01 + rng.NextDouble() * 10)).ToArray();
        var y = new T[Length];
        var name = typeof(T) == typeof(double) ? "float64" : "float32";
        Console.WriteLine($"RESULT exp {name}: ours {Median(() => VectorMath.Map<ExpOp, T>(x, y)):F1} us, .NET Vector512.Exp {Median(() => DotNet(x, y, exp: true)):F1} us");
        Console.WriteLine($"RESULT log {name}: ours {Median(() => VectorMath.Map<LogOp, T>(x, y)):F1} us, .NET Vector512.Log {Median(() => DotNet(x, y, exp: false)):F1} us");
    }

    private static void DotNet<T>(T[] x, T[] y, bool exp) where T : unmanaged
    {
        for (var i = 0; i + Vector512<T>.Count <= x.Length; i += Vector512<T>.Count)
        {
            var v = Vector512.Create<T>(x.AsSpan(i));
            var r = typeof(T) == typeof(double)
                ? (exp ? Vector512.Exp(v.AsDouble()) : Vector512.Log(v.AsDouble())).As<double, T>()
                : (exp ? Vector512.Exp(v.AsSingle()) : Vector512.Log(v.AsSingle())).As<float, T>();
            r.CopyTo(y.AsSpan(i));
        }
    }

    private static double Median(Action f)
    {
        for (var i = 0; i < 20; i++) f();
        var times = new double[400];
        for (var i = 0; i < times.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            f();
            times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }
}
