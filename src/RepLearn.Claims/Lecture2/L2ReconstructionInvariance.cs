namespace RepLearn.Claims;

using Activation = RepLearn.Functional.Nn.Activation;

/// <summary>
/// Claim <b>L2-reconstruction-invariance</b> (Lecture 2): "Reconstruction does not change under
/// reparameterisations that cancel: permuting hidden units (rows of W1, b1 with the columns of W2),
/// or z -&gt; Az with the decoder given A^-1 for a linear code."
/// <para>
/// Method (exact, every generated autoencoder). Autoencoders are drawn with <c>Mlp.Init</c> from
/// generated keys: encoder d_in -&gt; h -&gt; k, decoder k -&gt; h2 -&gt; d_in (d_in in 1..8, h, h2 in 1..12,
/// k in 1..6), any hidden and output activations; inputs are a batch of 1..5 rows of N(0, 1) scaled
/// by 1e-2..10. Reconstruction is r = Decoder(Encoder(x)) with <c>Mlp.Apply</c>.
/// Permutation: the encoder's hidden units are permuted by a generated pi (rows of W1 and entries of
/// b1, with the columns of the next layer's W2); separately, the decoder's hidden units as well.
/// Only the order of the next layer's sums changes, so r is unchanged to 1e-12 relative
/// (max |r' - r| &lt;= 1e-12 max |r|).
/// Linear code: with the encoder's output activation Identity, its last layer (W, b) becomes
/// (A W, A b) so the code is z' = A z, and the decoder's first weight W_d becomes W_d A^-1 (A^-1 by
/// MathNet via Tensor.ToMatrix / FromMatrix). A = Q1 diag(s) Q2^T with Q1, Q2 orthogonal (QR of
/// Gaussian matrices from a generated key) and s in [0.25, 4], so cond(A) &lt;= 16; r is unchanged to
/// 1e-9 relative.
/// </para>
/// </summary>
public static class L2ReconstructionInvariance
{
    /// <summary>The claim, its method, and its experiment: the three properties below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L2-reconstruction-invariance", 2,
        """
        Reconstruction does not change under reparameterisations that cancel: permuting hidden units (rows of W1, b1 with the columns of W2), or
        z -> Az with the decoder given A^-1 for a linear code
        """,
        """
        Exact, on every generated autoencoder (Mlp.Init from generated keys): encoder d_in -> h -> k, decoder k -> h2 -> d_in (d_in 1..8, h, h2
        1..12, k 1..6), any activations, 1..5 N(0, 1) inputs scaled by 1e-2..10. Permuting the encoder's hidden units (rows of W1 and b1 with the
        columns of W2), the decoder's, or both only reorders the next layer's sums, so r is unchanged within 1e-12 max|r|. For a linear code, the
        code layer (W, b) -> (A W, A b) and the decoder's first weight W_d -> W_d A^-1, A = Q1 diag(s) Q2^T with s in [0.25, 4] (cond(A) <= 16,
        A^-1 by MathNet): r is unchanged within 1e-9 max|r|, the rounding of an inverse at that condition.
        """,
        new("autoencoders whose reconstruction changed when the encoder's hidden units were permuted", PermutingEncoderHiddenUnitsLeavesReconstructionUnchanged, 60, 300),
        new("autoencoders whose reconstruction changed when the decoder's (or both) hidden units were permuted", PermutingDecoderHiddenUnitsLeavesReconstructionUnchanged, 60, 300),
        new("linear codes whose reconstruction changed under z -> A z with A^-1 in the decoder", InvertibleCodeMapWithInverseInDecoderLeavesReconstructionUnchanged, 60, 300));

    private static (Mlp Encoder, Mlp Decoder, Tensor X) Build(int dIn, int h, int k, int h2, Activation act,
        Activation encOut, Activation decOut, long seed, int batch, double scale)
    {
        var keys = Key.FromSeed(seed).Split(3);
        var encoder = Mlp.Init(keys[0], [dIn, h, k], act, encOut);
        var decoder = Mlp.Init(keys[1], [k, h2, dIn], act, decOut);
        var noise = Sample.Normal(keys[2], batch, dIn);
        var x = Tensor.Create(batch, dIn, (r, c) => scale * noise[r, c]);
        return (encoder, decoder, x);
    }

    private static Tensor Reconstruct(Mlp encoder, Mlp decoder, Tensor x) => Mlp.Apply(decoder, Mlp.Apply(encoder, x));

    /// <summary>Hidden unit i of the new layer is old unit perm[i]: rows of W1, entries of b1, columns of W2.</summary>
    private static Mlp PermuteHidden(Mlp mlp, int[] perm)
    {
        var (first, second) = (mlp.Layers[0], mlp.Layers[1]);
        var permutedFirst = new Dense(first.Weight.GatherRows(perm), Tensor.Create(1, perm.Length, (_, c) => first.Bias[0, perm[c]]));
        var permutedSecond = second with { Weight = Tensor.Create(second.Weight.Rows, perm.Length, (r, c) => second.Weight[r, perm[c]]) };
        return mlp with { Layers = LayerSeq(permutedFirst, permutedSecond) };
    }

    private static ImmutableArray<Dense> LayerSeq(params Dense[] layers) => [.. layers];

    private static void CheckSame(Tensor reference, Tensor other, double relTol, string what)
    {
        var maxAbs = 0.0;
        var maxDiff = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(reference.Span[i]));
            maxDiff = Math.Max(maxDiff, Math.Abs(other.Span[i] - reference.Span[i]));
        }
        That(reference.AllFinite() && other.AllFinite() && maxDiff <= relTol * maxAbs, () =>
            $"{what}: max |r' - r| = {Show(maxDiff)} > {Show(relTol)} * max |r| = {Show(relTol * maxAbs)}; " +
            $"r = {Show(reference.ToRows())}, r' = {Show(other.ToRows())}");
    }

    /// <summary>Permuting the encoder's hidden units leaves the reconstruction unchanged.</summary>
    public static Property PermutingEncoderHiddenUnitsLeavesReconstructionUnchanged() => Prop.ForAll(ClaimGens.Autoencoder.ToArbitrary(), c =>
    {
        var (encoder, decoder, x) = Build(c.InputDim, c.Hidden, c.Code, c.DecoderHidden, c.Activation, c.EncoderOutput, c.DecoderOutput, c.Seed, c.Batch, c.InputScale);
        var r = Reconstruct(encoder, decoder, x);
        CheckSame(r, Reconstruct(PermuteHidden(encoder, c.EncoderPermutation), decoder, x), 1e-12, "encoder hidden units permuted");
    });

    /// <summary>Permuting the decoder's hidden units (and both at once) leaves the reconstruction unchanged.</summary>
    public static Property PermutingDecoderHiddenUnitsLeavesReconstructionUnchanged() => Prop.ForAll(ClaimGens.Autoencoder.ToArbitrary(), c =>
    {
        var (encoder, decoder, x) = Build(c.InputDim, c.Hidden, c.Code, c.DecoderHidden, c.Activation, c.EncoderOutput, c.DecoderOutput, c.Seed, c.Batch, c.InputScale);
        var r = Reconstruct(encoder, decoder, x);
        var permutedDecoder = PermuteHidden(decoder, c.DecoderPermutation);
        CheckSame(r, Reconstruct(encoder, permutedDecoder, x), 1e-12, "decoder hidden units permuted");
        CheckSame(r, Reconstruct(PermuteHidden(encoder, c.EncoderPermutation), permutedDecoder, x), 1e-12, "both permuted");
    });

    /// <summary>For a linear code, z -&gt; A z with the decoder's first weight W A^-1 leaves the reconstruction unchanged.</summary>
    public static Property InvertibleCodeMapWithInverseInDecoderLeavesReconstructionUnchanged() => Prop.ForAll(ClaimGens.LinearCode.ToArbitrary(), c =>
    {
        var (encoder, decoder, x) = Build(c.InputDim, c.Hidden, c.Code, c.DecoderHidden, c.Activation, Activation.Identity, c.DecoderOutput, c.Seed, c.Batch, c.InputScale);
        var a = InvertibleMatrix(c.MatrixSeed, c.SingularValues);
        var aInverse = a.Inverse();

        var (encHidden, encCode) = (encoder.Layers[0], encoder.Layers[1]);
        var newCode = new Dense(
            Tensor.FromMatrix(a * encCode.Weight.ToMatrix()),
            Tensor.FromMatrix((a * encCode.Bias.ToMatrix().Transpose()).Transpose()));
        var encoderA = encoder with { Layers = LayerSeq(encHidden, newCode) };
        var decFirst = decoder.Layers[0];
        var decoderAInverse = decoder with
        {
            Layers = LayerSeq(decFirst with { Weight = Tensor.FromMatrix(decFirst.Weight.ToMatrix() * aInverse) }, decoder.Layers[1]),
        };

        var r = Reconstruct(encoder, decoder, x);
        CheckSame(r, Reconstruct(encoderA, decoderAInverse, x), 1e-9, $"z -> A z (cond(A) = {Show(a.ConditionNumber())})");
    });

    /// <summary>A = Q1 diag(s) Q2^T with Q1, Q2 the orthogonal factors of the QR of k x k Gaussian matrices.</summary>
    private static Matrix<double> InvertibleMatrix(long seed, double[] singularValues)
    {
        var k = singularValues.Length;
        var (k1, k2) = Key.FromSeed(seed).Split();
        var q1 = Sample.Normal(k1, k, k).ToMatrix().QR().Q;
        var q2 = Sample.Normal(k2, k, k).ToMatrix().QR().Q;
        return q1 * Matrix<double>.Build.DiagonalOfDiagonalArray(singularValues) * q2.Transpose();
    }
}
