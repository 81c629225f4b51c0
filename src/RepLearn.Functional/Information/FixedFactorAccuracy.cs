namespace RepLearn.Functional.Information;

/// <summary>
/// The result of a sampled disentanglement metric (<see cref="BetaVaeScore"/>, <see cref="FactorVaeScore"/>): the
/// accuracy of its classifier of "which factor was held fixed" on the points it was fitted on and on fresh points, as
/// disentanglement_lib's train_accuracy and eval_accuracy. The score reported is <see cref="Eval"/>.
/// </summary>
/// <param name="Train">Accuracy on the training points, in [0, 1].</param>
/// <param name="Eval">Accuracy on the evaluation points, in [0, 1]: the score.</param>
/// <param name="ActiveDimensions">The code dimensions the metric used (all for BetaVAE; those kept by FactorVAE's pruning).</param>
public sealed record FixedFactorAccuracy(double Train, double Eval, int ActiveDimensions);
