using RepLearn.Bench;

// Usage:
//   dotnet run -c Release --project bench/RepLearn.Bench -- quick          stopwatch medians: GEMM GFLOP/s, one VAE step, Train.Fit step time and bytes per warm step
//   dotnet run -c Release --project bench/RepLearn.Bench -- gemm [MxKxN]   stopwatch GEMM GFLOP/s, both precisions (see gemm_vs_openblas.sh)
//   dotnet run -c Release --project bench/RepLearn.Bench -- explog         stopwatch e^x and ln x over a batch: the library's beside .NET's Vector512.Exp / Log
//   dotnet run -c Release --project bench/RepLearn.Bench -- micro [filter] BenchmarkDotNet micro-benchmarks
//   dotnet run -c Release --project bench/RepLearn.Bench -- vae DIR [epochs] examples/vae on an MNIST folder
//   dotnet run -c Release --project bench/RepLearn.Bench -- iwae DIR [epochs] [k] [evalRows] [evalSamples] [vae|iwae|both]  VAE vs IWAE_k, test -ELBO and log p(x)
var mode = args.Length > 0 ? args[0] : "quick";
switch (mode)
{
    case "quick": QuickBench.Run(); break;
    case "vae": VaeBench.Run(args.Length > 1 ? args[1] : "../shared/data/mnist10k", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10); break;
    case "iwae": RepLearn.Bench.IwaeBench.Run(args.Length > 1 ? args[1] : "../shared/data/mnist10k", Arg(2, 10), Arg(3, 5), Arg(4, 2000), Arg(5, 5000), args.Length > 6 ? args[6] : "both"); break;
    case "profile": StepProfile.Run(); break;
    case "gemm": GemmQuick.Run(args.Length > 1 ? args[1] : null); break;
    case "explog": ExpLogQuick.Run(); break;
    case "micro": BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(QuickBench).Assembly).Run(args[1..]); break;
    default: Console.Error.WriteLine($"unknown mode '{mode}' (quick | gemm | explog | vae DIR [epochs] | iwae DIR ... | profile | micro [filter])"); return 2;
}
return 0;

int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
