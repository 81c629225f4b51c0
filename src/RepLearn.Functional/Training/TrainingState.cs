namespace RepLearn.Functional.Training;

/// <summary>
/// Everything a resumed run needs besides the data and options: the parameters and the optimizer's state, as one
/// ordinary tree (leaves "params.*" then "optimizer.*"; the optimizer's step counts are counts, kept by Map and Zip),
/// so one checkpoint holds both and resuming continues bit for bit.
/// </summary>
/// <param name="Parameters">The parameters ("params.*").</param>
/// <param name="Optimizer">The optimizer's state ("optimizer.*").</param>
[Tree]
public sealed partial record TrainingState<T>([TreePath("params")] T Parameters, OptState Optimizer) where T : ITree<T>;
