using RepLearn.Bench;

// Usage:
//   dotnet run -c Release --project bench/RepLearn.Bench -- quick          stopwatch medians: GEMM GFLOP/s and one VAE step
//   dotnet run -c Release --project bench/RepLearn.Bench -- gemm           stopwatch GEMM GFLOP/s, both precisions (see gemm_vs_openblas.sh)
//   dotnet run -c Release --project bench/RepLearn.Bench -- micro [filter] BenchmarkDotNet micro-benchmarks
//   dotnet run -c Release --project bench/RepLearn.Bench -- vae DIR [epochs] examples/vae on an MNIST folder
var mode = args.Length > 0 ? args[0] : "quick";
switch (mode)
{
    case "quick": QuickBench.Run(); break;
    case "vae": VaeBench.Run(args.Length > 1 ? args[1] : "../shared/data/mnist10k", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10); break;
    case "profile": StepProfile.Run(); break;
    case "gemm": GemmQuick.Run(); break;
    case "micro": BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(QuickBench).Assembly).Run(args[1..]); break;
    default: Console.Error.WriteLine($"unknown mode '{mode}' (quick | vae DIR [epochs] | micro [filter])"); return 2;
}
return 0;
