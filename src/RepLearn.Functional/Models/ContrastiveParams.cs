namespace RepLearn.Functional.Models;

/// <summary>
/// A SimCLR-style encoder: representation h = Encoder(x), projection z = Projection(h) for the loss.
/// Leaves "encoder.*", "projection.*".
/// </summary>
[Tree]
public sealed partial record ContrastiveParams(Mlp Encoder, Mlp Projection);
