namespace RepLearn.Claims;

using Activation = RepLearn.Functional.Nn.Activation;

// The generated inputs of the claim properties, printed in full (round-trip doubles) when a property fails.

/// <summary>Diagonal Gaussians N(mu, diag e^logVar), a batch of rows (n x d each).</summary>
public sealed record KlCase(double[][] Mu, double[][] LogVar)
{
    /// <inheritdoc />
    public override string ToString() => $"KlCase(mu = {Show(Mu)}, logVar = {Show(LogVar)})";
}

/// <summary>Two diagonal Gaussians N1 = N(mu1, e^logVar1), N2 = N(mu2, e^logVar2), a batch of rows.</summary>
public sealed record KlPairCase(double[][] Mu1, double[][] LogVar1, double[][] Mu2, double[][] LogVar2)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"KlPairCase(mu1 = {Show(Mu1)}, logVar1 = {Show(LogVar1)}, mu2 = {Show(Mu2)}, logVar2 = {Show(LogVar2)})";
}

/// <summary>Two vectors of the same length and two positive scales.</summary>
public sealed record VectorPair(double[] U, double[] V, double A, double B)
{
    /// <inheritdoc />
    public override string ToString() => $"VectorPair(u = {Show(U)}, v = {Show(V)}, a = {Show(A)}, b = {Show(B)})";
}

/// <summary>
/// An InfoNCE batch: N anchors and positives (N x d), negatives (N K x d, anchor i's at rows
/// i K .. i K + K - 1), and a temperature.
/// </summary>
public sealed record ContrastiveCase(double[][] Anchors, double[][] Positives, double[][] Negatives, int K, double Temperature)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"ContrastiveCase(K = {K}, tau = {Show(Temperature)}, anchors = {Show(Anchors)}, positives = {Show(Positives)}, negatives = {Show(Negatives)})";
}

/// <summary>Rows of logits [l_0 (the positive), l_1..l_K] and a shift c added to all of them.</summary>
public sealed record LogitsCase(double[][] Logits, double Shift)
{
    /// <inheritdoc />
    public override string ToString() => $"LogitsCase(c = {Show(Shift)}, logits = {Show(Logits)})";
}

/// <summary>
/// An MLP autoencoder: encoder d_in -> h -> k, decoder k -> h2 -> d_in, drawn by Mlp.Init from
/// <see cref="Seed"/>; a batch of <see cref="Batch"/> inputs scaled by <see cref="InputScale"/>;
/// permutations of the encoder's and the decoder's hidden units.
/// </summary>
public sealed record AutoencoderCase(
    int InputDim, int Hidden, int Code, int DecoderHidden,
    Activation Activation, Activation EncoderOutput, Activation DecoderOutput,
    long Seed, int Batch, double InputScale, int[] EncoderPermutation, int[] DecoderPermutation)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"AutoencoderCase(sizes {InputDim}->{Hidden}->{Code}->{DecoderHidden}->{InputDim}, act = {Activation}, " +
        $"encOut = {EncoderOutput}, decOut = {DecoderOutput}, seed = {Seed}, batch = {Batch}, inputScale = {Show(InputScale)}, " +
        $"encPerm = {Show(EncoderPermutation)}, decPerm = {Show(DecoderPermutation)})";
}

/// <summary>
/// An autoencoder with a linear code (encoder output activation Identity) and an invertible
/// A = Q1 diag(s) Q2^T (Q1, Q2 orthogonal from the QR of Gaussian matrices drawn from
/// <see cref="MatrixSeed"/>), so cond(A) = max s / min s.
/// </summary>
public sealed record LinearCodeCase(
    int InputDim, int Hidden, int Code, int DecoderHidden,
    Activation Activation, Activation DecoderOutput,
    long Seed, long MatrixSeed, int Batch, double InputScale, double[] SingularValues)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"LinearCodeCase(sizes {InputDim}->{Hidden}->{Code}->{DecoderHidden}->{InputDim}, act = {Activation}, " +
        $"decOut = {DecoderOutput}, seed = {Seed}, matrixSeed = {MatrixSeed}, batch = {Batch}, " +
        $"inputScale = {Show(InputScale)}, singularValues = {Show(SingularValues)})";
}
