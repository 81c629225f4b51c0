using FsCheck;
using FsCheck.Fluent;
using System.Globalization;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using RepLearn.Functional.Trees;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Trees;

using Activation = RepLearn.Functional.Nn.Activation;
using Autoencoder = RepLearn.Functional.Models.Autoencoder;
using Vae = RepLearn.Functional.Models.Vae;

// The generated inputs of the tree laws. Each case prints as the config it was built from, so a
// failing property shows a reproducible description rather than the tensors.

/// <summary>
/// A tree, another tree of the same structure (other values: another key or other draws), and a
/// number for picking a leaf. Prints as <see cref="Config"/>.
/// </summary>
public abstract record TreeCase<T>(string Config, T Tree, T Other, int Pick) where T : ITree<T>
{
    /// <inheritdoc />
    public sealed override string ToString() => Config;
}

/// <summary>A single tensor, 1-5 x 1-5, sometimes with -0, NaN or infinities among its values.</summary>
public sealed record TensorCase(string Config, Tensor Tree, Tensor Other, int Pick) : TreeCase<Tensor>(Config, Tree, Other, Pick);

/// <summary>A <see cref="Support.LeafList"/> of 1-4 tensors of random shapes.</summary>
public sealed record LeafListCase(string Config, LeafList Tree, LeafList Other, int Pick) : TreeCase<LeafList>(Config, Tree, Other, Pick);

/// <summary>A <see cref="Dense"/> layer from Dense.Init.</summary>
public sealed record DenseCase(string Config, Dense Tree, Dense Other, int Pick) : TreeCase<Dense>(Config, Tree, Other, Pick);

/// <summary>An <see cref="Mlp"/> from Mlp.Init, 0-2 hidden layers.</summary>
public sealed record MlpCase(string Config, Mlp Tree, Mlp Other, int Pick) : TreeCase<Mlp>(Config, Tree, Other, Pick);

/// <summary><see cref="VaeParams"/> from Vae.Init (no hidden layers gives an encoder with no layers at all).</summary>
public sealed record VaeCase(string Config, VaeParams Tree, VaeParams Other, int Pick) : TreeCase<VaeParams>(Config, Tree, Other, Pick);

/// <summary><see cref="AutoencoderParams"/> from Autoencoder.Init.</summary>
public sealed record AutoencoderCase(string Config, AutoencoderParams Tree, AutoencoderParams Other, int Pick)
    : TreeCase<AutoencoderParams>(Config, Tree, Other, Pick);

/// <summary><see cref="ContrastiveParams"/> from Contrastive.Init.</summary>
public sealed record ContrastiveCase(string Config, ContrastiveParams Tree, ContrastiveParams Other, int Pick)
    : TreeCase<ContrastiveParams>(Config, Tree, Other, Pick);

/// <summary>An Mlp's parameters with Adam's initial state (step counts 0).</summary>
public sealed record FreshStateCase(string Config, TrainingState<Mlp> Tree, TrainingState<Mlp> Other, int Pick)
    : TreeCase<TrainingState<Mlp>>(Config, Tree, Other, Pick);

/// <summary>An Mlp's parameters and Adam's state after one update with a random gradient (step counts 1).</summary>
public sealed record SteppedStateCase(string Config, TrainingState<Mlp> Tree, TrainingState<Mlp> Other, int Pick)
    : TreeCase<TrainingState<Mlp>>(Config, Tree, Other, Pick);

/// <summary>
/// VAE parameters and 0-2 random gradients, one of which may hold a NaN; <see cref="State"/> runs
/// an optimizer over them (parameters updated after each step) and returns its final state.
/// </summary>
public sealed record OptRun(string Config, VaeParams Parameters, IReadOnlyList<VaeParams> Gradients)
{
    /// <summary>The optimizer's state after Init and one Update per gradient.</summary>
    public OptState State(GradientTransformation<VaeParams> optimizer)
    {
        var p = Parameters;
        var state = optimizer.Init(p);
        foreach (var g in Gradients)
        {
            var (updates, next) = optimizer.Update(g, state, p);
            (p, state) = (Transforms.ApplyUpdates(p, updates), next);
        }
        return state;
    }

    /// <inheritdoc />
    public override string ToString() => Config;
}

/// <summary>FsCheck arbitraries for the tree cases (no shrinking: the configs are already small).</summary>
public static class TreeGens
{
    private static Gen<long> Seed =>
        Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(int.MinValue, int.MaxValue), (hi, lo) => ((long)hi << 32) | (uint)lo);

    private static Gen<int> Width => Gen.Choose(1, 5);

    private static Gen<int[]> Hidden => Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Width, n));

    private static Gen<Activation> Act => Gen.Elements(Enum.GetValues<Activation>());

    private static Gen<InitScheme> Scheme => Gen.Elements(Enum.GetValues<InitScheme>());

    private static Gen<int> Pick => Gen.Choose(0, 1 << 20);

    /// <summary>Mostly [-3, 3]; one value in ten is -0, NaN, +inf or -inf.</summary>
    private static Gen<double> Value => Gen.Frequency(
        (9, Gens.AnyValue),
        (1, Gen.Elements(-0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity)));

    private static Gen<Tensor> TensorOf(int rows, int cols) => Gens.Tensor(rows, cols, Value);

    private static string Show(IEnumerable<int> xs) => "[" + string.Join(", ", xs) + "]";

    private static string Show(long seed) => seed.ToString(CultureInfo.InvariantCulture);

    /// <summary>A tree shaped like <paramref name="like"/> with N(0, 1) leaves: leaf i drawn from key.FoldIn(i).</summary>
    public static T RandomLike<T>(T like, Key key) where T : ITree<T>
    {
        var i = 0;
        return Tree.Map(like, l => Sample.Normal(key.FoldIn(i++), l.Rows, l.Cols));
    }

    private static Gen<(Tensor Tree, Tensor Other)> SameShapePair =>
        from r in Width
        from c in Width
        from t in TensorOf(r, c)
        from o in TensorOf(r, c)
        select (t, o);

    /// <summary>Arbitrary for <see cref="TensorCase"/>.</summary>
    public static Arbitrary<TensorCase> Tensors() => Arb.From(
        from pair in SameShapePair
        from pick in Pick
        select new TensorCase($"Tensor(tree {Gens.Show(pair.Tree)}, other {Gens.Show(pair.Other)}, pick {pick})", pair.Tree, pair.Other, pick));

    /// <summary>Arbitrary for <see cref="LeafListCase"/>.</summary>
    public static Arbitrary<LeafListCase> LeafLists() => Arb.From(
        from pairs in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(SameShapePair, n))
        let t = pairs.Select(p => p.Tree).ToArray()
        let o = pairs.Select(p => p.Other).ToArray()
        from pick in Pick
        select new LeafListCase(
            $"LeafList(tree [{string.Join(", ", t.Select(Gens.Show))}], other [{string.Join(", ", o.Select(Gens.Show))}], pick {pick})",
            LeafList.Of([.. t]), LeafList.Of([.. o]), pick));

    /// <summary>Arbitrary for <see cref="DenseCase"/>.</summary>
    public static Arbitrary<DenseCase> Denses() => Arb.From(
        from input in Width
        from output in Width
        from scheme in Scheme
        from s1 in Seed
        from s2 in Seed
        from pick in Pick
        select new DenseCase(
            $"Dense({input} -> {output}, {scheme}, seeds {Show(s1)} / {Show(s2)}, pick {pick})",
            Dense.Init(Key.FromSeed(s1), input, output, scheme), Dense.Init(Key.FromSeed(s2), input, output, scheme), pick));

    private static Gen<(int[] Sizes, Activation Act, Activation Out, InitScheme Scheme)> MlpShape =>
        from input in Width
        from hidden in Hidden
        from output in Width
        from act in Act
        from outAct in Act
        from scheme in Scheme
        select (new[] { input }.Concat(hidden).Append(output).ToArray(), act, outAct, scheme);

    private static string Show((int[] Sizes, Activation Act, Activation Out, InitScheme Scheme) m) =>
        $"sizes {Show(m.Sizes)}, {m.Act}/{m.Out}, {m.Scheme}";

    private static Mlp Build((int[] Sizes, Activation Act, Activation Out, InitScheme Scheme) m, long seed) =>
        Mlp.Init(Key.FromSeed(seed), m.Sizes, m.Act, m.Out, m.Scheme);

    /// <summary>Arbitrary for <see cref="MlpCase"/>.</summary>
    public static Arbitrary<MlpCase> Mlps() => Arb.From(
        from m in MlpShape
        from s1 in Seed
        from s2 in Seed
        from pick in Pick
        select new MlpCase($"Mlp({Show(m)}, seeds {Show(s1)} / {Show(s2)}, pick {pick})", Build(m, s1), Build(m, s2), pick));

    private static Gen<VaeConfig> VaeConfigs =>
        from input in Width
        from latent in Width
        from hidden in Hidden
        from act in Act
        select new VaeConfig(input, latent, [.. hidden], act);

    private static string Show(VaeConfig c) => $"VaeConfig({c.InputDim}, {c.LatentDim}, {Show(c.HiddenDims)}, {c.Activation})";

    /// <summary>Arbitrary for <see cref="VaeCase"/>.</summary>
    public static Arbitrary<VaeCase> Vaes() => Arb.From(
        from config in VaeConfigs
        from s1 in Seed
        from s2 in Seed
        from pick in Pick
        select new VaeCase($"Vae({Show(config)}, seeds {Show(s1)} / {Show(s2)}, pick {pick})",
            Vae.Init(Key.FromSeed(s1), config), Vae.Init(Key.FromSeed(s2), config), pick));

    /// <summary>Arbitrary for <see cref="AutoencoderCase"/>.</summary>
    public static Arbitrary<AutoencoderCase> Autoencoders() => Arb.From(
        from input in Width
        from latent in Width
        from hidden in Hidden
        from act in Act
        let config = new AutoencoderConfig(input, latent, [.. hidden], act)
        from s1 in Seed
        from s2 in Seed
        from pick in Pick
        select new AutoencoderCase(
            $"Autoencoder(AutoencoderConfig({input}, {latent}, {Show(hidden)}, {act}), seeds {Show(s1)} / {Show(s2)}, pick {pick})",
            Autoencoder.Init(Key.FromSeed(s1), config), Autoencoder.Init(Key.FromSeed(s2), config), pick));

    /// <summary>Arbitrary for <see cref="ContrastiveCase"/>.</summary>
    public static Arbitrary<ContrastiveCase> Contrastives() => Arb.From(
        from input in Width
        from hidden in Hidden
        from representation in Width
        from projection in Width
        from act in Act
        let config = new ContrastiveConfig(input, [.. hidden], representation, projection, Activation: act)
        from s1 in Seed
        from s2 in Seed
        from pick in Pick
        select new ContrastiveCase(
            $"Contrastive(ContrastiveConfig({input}, {Show(hidden)}, {representation}, {projection}, {act}), seeds {Show(s1)} / {Show(s2)}, pick {pick})",
            Contrastive.Init(Key.FromSeed(s1), config), Contrastive.Init(Key.FromSeed(s2), config), pick));

    private static readonly GradientTransformation<Mlp> Adam = Optimizers.Adam<Mlp>(1e-3);

    private static TrainingState<Mlp> Fresh(Mlp p) => new(p, Adam.Init(p));

    /// <summary>One Adam step from <paramref name="p"/> with a N(0, 1) gradient drawn from <paramref name="gradientSeed"/>.</summary>
    private static TrainingState<Mlp> Stepped(Mlp p, long gradientSeed)
    {
        var (updates, state) = Adam.Update(RandomLike(p, Key.FromSeed(gradientSeed)), Adam.Init(p), p);
        return new(Transforms.ApplyUpdates(p, updates), state);
    }

    /// <summary>Arbitrary for <see cref="FreshStateCase"/>.</summary>
    public static Arbitrary<FreshStateCase> FreshStates() => Arb.From(
        from m in MlpShape
        from s1 in Seed
        from s2 in Seed
        from pick in Pick
        select new FreshStateCase($"TrainingState(Mlp({Show(m)}), Adam init, seeds {Show(s1)} / {Show(s2)}, pick {pick})",
            Fresh(Build(m, s1)), Fresh(Build(m, s2)), pick));

    /// <summary>Arbitrary for <see cref="SteppedStateCase"/>.</summary>
    public static Arbitrary<SteppedStateCase> SteppedStates() => Arb.From(
        from m in MlpShape
        from s1 in Seed
        from s2 in Seed
        from g1 in Seed
        from g2 in Seed
        from pick in Pick
        select new SteppedStateCase(
            $"TrainingState(Mlp({Show(m)}), one Adam step, seeds {Show(s1)} / {Show(s2)}, gradient seeds {Show(g1)} / {Show(g2)}, pick {pick})",
            Stepped(Build(m, s1), g1), Stepped(Build(m, s2), g2), pick));

    /// <summary>Arbitrary for <see cref="OptRun"/>: 0-2 steps; with s steps, a NaN in one step's gradient with probability s / (3 s + 1).</summary>
    public static Arbitrary<OptRun> OptRuns() => Arb.From(
        from config in VaeConfigs
        from seed in Seed
        from steps in Gen.Choose(0, 2)
        from gradientSeeds in Gen.ArrayOf(Seed, steps)
        from poisoned in Gen.Choose(-2 * steps - 1, steps - 1)
        let p = Vae.Init(Key.FromSeed(seed), config)
        select new OptRun(
            $"OptRun({Show(config)}, seed {Show(seed)}, gradient seeds [{string.Join(", ", gradientSeeds.Select(Show))}], NaN at step {(poisoned >= 0 ? poisoned.ToString(CultureInfo.InvariantCulture) : "none")})",
            p,
            [.. gradientSeeds.Select((g, i) => i == poisoned ? Poison(RandomLike(p, Key.FromSeed(g))) : RandomLike(p, Key.FromSeed(g)))]));

    /// <summary>The tree with its first leaf's first element replaced by NaN.</summary>
    private static T Poison<T>(T tree) where T : ITree<T>
    {
        var first = true;
        return Tree.Map(tree, l =>
        {
            if (!first) return l;
            first = false;
            var values = l.Span.ToArray();
            values[0] = double.NaN;
            return Tensor.FromSpan(l.Rows, l.Cols, values);
        });
    }
}
