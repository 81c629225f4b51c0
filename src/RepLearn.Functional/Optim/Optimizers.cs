namespace RepLearn.Functional.Optim;

/// <summary>The usual optimizers, each a chain of <see cref="Transforms"/>.</summary>
public static class Optimizers
{
    /// <summary>Plain gradient descent: u = -lr g.</summary>
    public static GradientTransformation<T> Sgd<T>(double learningRate) where T : ITree<T> =>
        Sgd<T>(Schedules.Constant(learningRate));

    /// <summary>Gradient descent with a schedule.</summary>
    public static GradientTransformation<T> Sgd<T>(Schedule learningRate) where T : ITree<T> =>
        Transforms.ScaleByLearningRate<T>(learningRate);

    /// <summary>Heavy-ball momentum (or Nesterov): trace = g + m trace, u = -lr trace.</summary>
    public static GradientTransformation<T> Momentum<T>(double learningRate, double momentum = 0.9, bool nesterov = false) where T : ITree<T>
    {
        // Checked here so that the error names this method's parameter, not Trace's "decay".
        Check.Decay(momentum, nameof(momentum));
        return Transforms.Chain(Transforms.Trace<T>(momentum, nesterov), Transforms.ScaleByLearningRate<T>(Schedules.Constant(learningRate)));
    }

    /// <summary>Adam = Chain(ScaleByAdam(b1, b2, eps), ScaleByLearningRate(lr)).</summary>
    public static GradientTransformation<T> Adam<T>(double learningRate, double b1 = 0.9, double b2 = 0.999, double eps = 1e-8) where T : ITree<T> =>
        Adam<T>(Schedules.Constant(learningRate), b1, b2, eps);

    /// <summary>Adam with a learning-rate schedule.</summary>
    public static GradientTransformation<T> Adam<T>(Schedule learningRate, double b1 = 0.9, double b2 = 0.999, double eps = 1e-8) where T : ITree<T> =>
        Transforms.Chain(Transforms.ScaleByAdam<T>(b1, b2, eps), Transforms.ScaleByLearningRate<T>(learningRate));

    /// <summary>AdamW = Chain(ScaleByAdam, AddDecayedWeights(wd), ScaleByLearningRate(lr)) (Loshchilov and Hutter 2019).</summary>
    public static GradientTransformation<T> AdamW<T>(double learningRate, double weightDecay = 1e-4, double b1 = 0.9, double b2 = 0.999, double eps = 1e-8) where T : ITree<T> =>
        Transforms.Chain(Transforms.ScaleByAdam<T>(b1, b2, eps), Transforms.AddDecayedWeights<T>(weightDecay), Transforms.ScaleByLearningRate<T>(Schedules.Constant(learningRate)));
}
