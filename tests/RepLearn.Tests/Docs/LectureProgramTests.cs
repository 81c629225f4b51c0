using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Tests.Docs;

/// <summary>
/// The lecture programs run one at a time and never beside another test: each compiles and trains on the machine's
/// few cores, and they share one build folder (<see cref="LectureProgramBuild"/>).
/// </summary>
[CollectionDefinition("Lecture programs", DisableParallelization = true)]
public sealed class LectureProgramsCollection : ICollectionFixture<LectureProgramBuild>;

/// <summary>
/// A build folder of the test's own for the programs (<c>dotnet run --artifacts-path</c>), so that building them, and the
/// library projects they reference, never touches the obj/ and bin/ folders of the solution's build; shared by the four
/// runs so that the library compiles once. Deleted at the end.
/// </summary>
public sealed class LectureProgramBuild : IDisposable
{
    /// <summary>The artifacts folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("replearn-lecture-build-").FullName;

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

/// <summary>
/// Runs each file-based program in docs/lectures as a reader would (<c>dotnet run docs/lectures/X.cs FOLDER</c> from the
/// repository root): it must exit 0 (every printed check within its tolerance), print every section heading of its
/// lecture, and write its figures.
/// </summary>
[Collection("Lecture programs")]
public sealed class LectureProgramTests(LectureProgramBuild build, ITestOutputHelper output)
{
    public static TheoryData<string, string[], string[]> Programs => new()
    {
        {
            "lecture-1-representations.cs",
            [
                "## 1. A representation is a function f: X -> R^d",
                "## 2. Disentanglement: z_i independent of z_j",
                "## 3. Sufficiency: I(y; x) = I(y; z)",
                "## 4. Invariance: f(g.x) = f(x)",
                "## 5. The three objectives conflict",
            ],
            ["l1-mig-vs-rotation.png"]
        },
        {
            "lecture-2-autoencoders.cs",
            [
                "## 1. The autoencoder objective: L_AE = E ||x - g(f(x))||^2",
                "## 2. The bottleneck: PCA is the best linear autoencoder",
                "## 3. Denoising autoencoders: x~ = x + eps, eps ~ N(0, sigma^2 I)",
                "## 4. The denoising objective: L_DAE = E ||x - g(f(x~))||^2",
                "## 5. Denoising as score matching",
            ],
            ["l2-bottleneck.png", "l2-dae-score.png"]
        },
        {
            "lecture-3-vae.cs",
            [
                "## 1. The ELBO: E_q[log p(x|z)] - KL(q(z|x) || p(z))",
                "## 2. The closed-form Gaussian KL",
                "## 3. The reparameterisation trick: z = mu + sigma * eps",
                "## 4. Training a VAE: the ELBO's two terms",
                "## 5. Latent traversals",
                "## 6. Posterior collapse as beta grows",
            ],
            ["l3-elbo-terms.png", "l3-traversals.png", "l3-collapse.png"]
        },
        {
            "lecture-4-contrastive.cs",
            [
                "## 1. InfoNCE",
                "## 2. Cosine similarity: sim(u, v) = u.v / (|u| |v|)",
                "## 3. The temperature tau",
                "## 4. InfoNCE bounds the mutual information: I(z; z+) >= log(K + 1) - L_NCE",
                "## 5. In-batch negatives: NT-Xent, what ContrastiveEncoder trains",
            ],
            ["l4-infonce-temperature.png", "l4-mi-bound.png"]
        },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_passes_its_checks_prints_its_sections_and_writes_its_figures(string program, string[] headings, string[] figures)
    {
        var root = Dotnet.RepositoryRoot();
        var figureFolder = Directory.CreateTempSubdirectory("replearn-lecture-figures-").FullName;
        try
        {
            var (exitCode, stdout, stderr, elapsed) = Dotnet.Run(root, null, "run", "--disable-build-servers", "--artifacts-path", build.Path,
                Path.Combine("docs", "lectures", program), figureFolder);
            output.WriteLine($"dotnet run docs/lectures/{program}: exit {exitCode} after {elapsed.TotalSeconds:F1} s");
            output.WriteLine(stdout);
            if (stderr.Length > 0) output.WriteLine($"--- stderr ---\n{stderr}");
            Assert.True(exitCode == 0, $"{program} exited with {exitCode}:\n{stdout}\n{stderr}");
            foreach (var heading in headings)
                Assert.True(stdout.Contains(heading, StringComparison.Ordinal), $"{program} did not print the section \"{heading}\"");
            foreach (var figure in figures)
            {
                var file = new FileInfo(Path.Combine(figureFolder, figure));
                Assert.True(file.Exists, $"{program} did not write {figure}");
                Assert.True(file.Length > 0, $"{program} wrote an empty {figure}");
            }
        }
        finally
        {
            Directory.Delete(figureFolder, recursive: true);
        }
    }
}
