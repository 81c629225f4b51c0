namespace RepLearn.Functional.Models;

/// <summary>
/// A VAE's parameters: a trunk h = Encoder(x), the Gaussian posterior's heads mu = Mean(h) and
/// log sigma^2 = LogVar(h), and the decoder g(z) (logits or means). Leaves "encoder.*", "mean.*", "log_var.*", "decoder.*".
/// </summary>
[Tree]
public sealed partial record VaeParams(Mlp Encoder, Dense Mean, Dense LogVar, Mlp Decoder);
