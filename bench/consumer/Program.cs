// examples/vae through the facade, from an application with none of the project's runtime settings: the README's
// MNIST lines, timed per epoch. Usage: dotnet run -c Release -- DATA_DIR [EPOCHS] [float64|float32]
using System.Runtime;
using RepLearn;

var dir = args.Length > 0 ? args[0] : "../../../shared/data/mnist10k";
var epochs = args.Length > 1 ? int.Parse(args[1]) : 10;
var dtype = args.Length > 2 && args[2] == "float32" ? DType.Float32 : DType.Float64;
Console.WriteLine($"GC: server {GCSettings.IsServerGC}, latency {GCSettings.LatencyMode}, LOH threshold {AppContext.GetData("GCLOHThreshold") ?? "default"}; " +
                  $"tiered compilation {AppContext.GetData("System.Runtime.TieredCompilation") ?? "default"}");
var train = Datasets.LoadIdxImages(Path.Combine(dir, File.Exists(Path.Combine(dir, "train-images-idx3-ubyte.gz")) ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte"));
var vae = new Vae(inputDim: 784, latentDim: 20, hiddenDims: [400], seed: 1, dtype: dtype);
var report = vae.Fit(train, new TrainOptions { Epochs = epochs, BatchSize = 128, LearningRate = 1e-3 });
foreach (var e in report.Epochs) Console.WriteLine($"epoch {e.Epoch,2}  train {e.TrainLoss:F3}  {e.Seconds:F2}s");
var seconds = report.Epochs.Select(e => e.Seconds).Order().ToList();
Console.WriteLine($"RESULT consumer {dtype} rows {train.Length} median {seconds[seconds.Count / 2]:F3} s/epoch, gen0/1/2 GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
