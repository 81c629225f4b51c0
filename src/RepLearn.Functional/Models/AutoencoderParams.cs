namespace RepLearn.Functional.Models;

/// <summary>An autoencoder's parameters: encoder f and decoder g, so that r(x) = g(f(x)). Leaves "encoder.*", "decoder.*".</summary>
[Tree]
public sealed partial record AutoencoderParams(Mlp Encoder, Mlp Decoder);
