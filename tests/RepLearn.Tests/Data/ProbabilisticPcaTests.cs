using MathNet.Numerics.LinearAlgebra;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Data;

public class ProbabilisticPcaTests
{
    private static readonly ProbabilisticPca Model = ProbabilisticPca.Random(Key.FromSeed(41), dataDim: 6, latentDim: 2, noiseStd: 0.5);

    private static Matrix<double> C()
    {
        var w = Model.W.ToMatrix();
        return w * w.Transpose() + Matrix<double>.Build.DenseIdentity(6) * 0.25;
    }

    [Fact]
    public void LogMarginalMatchesTheDirectDeterminantAndInverse()
    {
        var x = Model.Sample(Key.FromSeed(42), 30);
        var logp = Model.LogMarginal(x);
        var c = C();
        var inverse = c.Inverse();
        var logDet = Math.Log(c.Determinant());
        Assert.Equal((30, 1), (logp.Rows, logp.Cols));
        for (var i = 0; i < x.Rows; i++)
        {
            var e = Vector<double>.Build.Dense(6, j => x[i, j] - Model.Mu[0, j]);
            var expected = -0.5 * (6 * Math.Log(2 * Math.PI) + logDet + e * (inverse * e));
            Assert.Equal(expected, logp[i, 0], 1e-9 * (1 + Math.Abs(expected)));
        }
        Assert.True((Model.Covariance().ToMatrix() - c).FrobeniusNorm() < 1e-12);
    }

    [Fact]
    public void PosteriorMatchesGaussianConditioningOnTheJoint()
    {
        // joint of (z, x): Cov = [[I, W^T], [W, C]], so E[z | x] = W^T C^-1 (x - mu), Cov[z | x] = I - W^T C^-1 W
        var x = Model.Sample(Key.FromSeed(43), 25);
        var (mean, cov) = Model.Posterior(x);
        var w = Model.W.ToMatrix();
        var cInverse = C().Inverse();
        var gain = w.Transpose() * cInverse;
        var expectedCov = Matrix<double>.Build.DenseIdentity(2) - gain * w;
        Assert.Equal((25, 2), (mean.Rows, mean.Cols));
        Assert.Equal((2, 2), (cov.Rows, cov.Cols));
        for (var a = 0; a < 2; a++)
            for (var b = 0; b < 2; b++)
                Assert.Equal(expectedCov[a, b], cov[a, b], 1e-10);
        Assert.Equal(cov[0, 1], cov[1, 0]);
        for (var i = 0; i < x.Rows; i++)
        {
            var expected = gain * Vector<double>.Build.Dense(6, j => x[i, j] - Model.Mu[0, j]);
            for (var k = 0; k < 2; k++) Assert.Equal(expected[k], mean[i, k], 1e-9);
        }
    }

    [Fact]
    public void BayesRuleHoldsForEveryLatent()
    {
        // log p(x) = log p(x | z) + log p(z) - log p(z | x) for any z
        var x = Model.Sample(Key.FromSeed(44), 10);
        var z = Sample.Normal(Key.FromSeed(45), 10, 2);
        var logp = Model.LogMarginal(x);
        var (mean, cov) = Model.Posterior(x);
        var covInverse = cov.ToMatrix().Inverse();
        var covLogDet = Math.Log(cov.ToMatrix().Determinant());
        for (var i = 0; i < 10; i++)
        {
            double logLik = 0, logPrior = 0;
            for (var j = 0; j < 6; j++)
            {
                double m = Model.Mu[0, j];
                for (var k = 0; k < 2; k++) m += Model.W[j, k] * z[i, k];
                var e = x[i, j] - m;
                logLik += -0.5 * Math.Log(2 * Math.PI * 0.25) - e * e / (2 * 0.25);
            }
            for (var k = 0; k < 2; k++) logPrior += -0.5 * Math.Log(2 * Math.PI) - z[i, k] * z[i, k] / 2;
            var d = Vector<double>.Build.Dense(2, k => z[i, k] - mean[i, k]);
            var logPost = -0.5 * (2 * Math.Log(2 * Math.PI) + covLogDet + d * (covInverse * d));
            Assert.Equal(logp[i, 0], logLik + logPrior - logPost, 1e-8);
        }
    }

    [Fact]
    public void RotatingTheLatentSpaceLeavesTheMarginalUnchanged()
    {
        var angle = 0.83;
        var q = Tensor.FromRows([[Math.Cos(angle), -Math.Sin(angle)], [Math.Sin(angle), Math.Cos(angle)]]);
        var rotated = new ProbabilisticPca(Tensor.FromMatrix(Model.W.ToMatrix() * q.ToMatrix()), Model.Mu, Model.NoiseStd);
        var x = Model.Sample(Key.FromSeed(46), 20);
        var a = Model.LogMarginal(x);
        var b = rotated.LogMarginal(x);
        for (var i = 0; i < 20; i++) Assert.Equal(a[i, 0], b[i, 0], 1e-9);
    }

    [Fact]
    public void SamplesHaveTheMarginalMoments()
    {
        const int n = 40_000;
        var (z, x) = Model.SampleJoint(Key.FromSeed(47), n);
        Assert.Equal((n, 2), (z.Rows, z.Cols));
        var c = C();
        var scale = c.Diagonal().Maximum();
        for (var a = 0; a < 6; a++)
        {
            double mean = 0;
            for (var i = 0; i < n; i++) mean += x[i, a];
            Assert.Equal(Model.Mu[0, a], mean / n, 5 * Math.Sqrt(c[a, a] / n));
            for (var b = 0; b <= a; b++)
            {
                double s = 0;
                for (var i = 0; i < n; i++) s += (x[i, a] - Model.Mu[0, a]) * (x[i, b] - Model.Mu[0, b]);
                Assert.Equal(c[a, b], s / n, 0.05 * scale);
            }
        }
        var prefix = Model.Sample(Key.FromSeed(47), 5); // samples do not depend on n
        for (var i = 0; i < 5; i++)
            for (var j = 0; j < 6; j++) Assert.Equal(x[i, j], prefix[i, j], 1e-12);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Model.LogMarginal(Tensor.Zeros(3, 5)));
        Assert.Throws<ArgumentException>(() => new ProbabilisticPca(Tensor.Zeros(3, 2), Tensor.Zeros(1, 2), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticPca(Tensor.Zeros(3, 2), Tensor.Zeros(1, 3), 0));
    }
}
