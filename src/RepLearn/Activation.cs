namespace RepLearn;

/// <summary>The nonlinearity between hidden layers.</summary>
public enum Activation
{
    /// <summary>max(x, 0) (the default).</summary>
    Relu,
    /// <summary>tanh x.</summary>
    Tanh,
    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,
    /// <summary>ln(1 + e^x).</summary>
    Softplus,
    /// <summary>x: a linear network.</summary>
    Identity,
}
