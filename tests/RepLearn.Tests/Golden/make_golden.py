#!/usr/bin/python3
"""Golden reference values for RepLearn's losses, computed with PyTorch in float64.

Run with Debian's interpreter (python3-torch 1.13, numpy, python3-mpmath):

    /usr/bin/python3 tests/RepLearn.Tests/Golden/make_golden.py

It writes losses.json next to this file. The C# test suite only reads the committed JSON; it
never runs Python.

Every case records
  * the inputs (Python floats, so json's repr round-trips them bit-exactly),
  * "torch":  the value from PyTorch's own functions (see the torch_* functions below),
  * "exact":  the same mathematical quantity at the same (binary) inputs evaluated with mpmath at
              60 significant digits and rounded once to float64,
  * "reference" / "source": what the C# test compares against. This is the torch value ("torch"), unless
              torch itself is inaccurate at that input (relative distance from "exact" above
              TORCH_TRUST); then it is the exact value, source is "mpmath", and "note" says why.
              Tests therefore check "agrees with torch" wherever torch is right, and "agrees with
              the true value" where torch's formula loses precision (KL's var_ratio - 1 - log
              var_ratio cancellation at mu, logVar ~ 1e-8; log(1 + e^-40) rounding to 0).
              Two cosine cases have source "mpmath": vectors with entries above ~1.3e154, whose
              squared norm overflows in torch (which returns 0); RepLearn scales the norm, so these
              cases pin the exact value.
Gradient cases record the same for each input's gradient ("torch" from autograd, "exact" from
closed forms or mpmath.diff at high precision), per argument.

Semantics mirrored from RepLearn (documented in src/RepLearn/Losses.cs and
src/RepLearn.Functional/Objectives): cosine similarity divides by max(||x||, 1e-12) per vector
(F.cosine_similarity / F.normalize with eps=1e-12); log-variances stay within [-700, 700] where
RepLearn's clamp is inactive, so no case depends on the clamp.
"""

import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch.distributions import Independent, Normal, kl_divergence

import mpmath
from mpmath import mp, mpf

torch.set_default_dtype(torch.float64)
mp.dps = 60

SEED = 20240611
EPS = 1e-12
# torch is trusted as the reference where it is within this relative distance of the exact value.
TORCH_TRUST = 1e-12

rng = np.random.default_rng(SEED)


def fl(a):
    """numpy array / nested list -> nested lists of Python floats."""
    return np.asarray(a, dtype=np.float64).tolist()


def t(a, grad=False):
    x = torch.tensor(a, dtype=torch.float64)
    if grad:
        x.requires_grad_(True)
    return x


def rel(a, b):
    """Relative distance, 0 when both are exactly equal (including both 0)."""
    if a == b:
        return 0.0
    if b == 0:
        return math.inf
    return abs(a - b) / abs(b)


def choose(torch_value, exact_value, why):
    """(reference, source, note) for a scalar."""
    if rel(torch_value, exact_value) <= TORCH_TRUST and math.isfinite(torch_value):
        return torch_value, "torch", None
    return exact_value, "mpmath", why


def choose_array(torch_values, exact_values, why, normwise=False):
    """Elementwise relative check, or (normwise=True, for losses that couple the elements) the
    largest absolute deviation relative to the largest |exact| entry."""
    tv = np.asarray(torch_values, dtype=np.float64).ravel()
    ev = np.asarray(exact_values, dtype=np.float64).ravel()
    if normwise:
        scale = np.max(np.abs(ev))
        ok = np.all(np.isfinite(tv)) and np.max(np.abs(tv - ev)) <= TORCH_TRUST * scale
        return (torch_values, "torch", None) if ok else (exact_values, "mpmath", why)
    worst = 0.0
    for a, b in zip(tv, ev):
        if not math.isfinite(a):
            worst = math.inf
            break
        if b == 0:
            # torch's gradient at an exact zero must itself be (numerically) zero
            worst = max(worst, 0.0 if abs(a) <= 1e-300 else math.inf)
        else:
            worst = max(worst, rel(a, b))
    if worst <= TORCH_TRUST:
        return torch_values, "torch", None
    return exact_values, "mpmath", why


# --------------------------------------------------------------------------- exact (mpmath) forms


def M(x):
    return mpf(x)  # exact binary value of the double


def m_lse(xs):
    m = max(xs)
    return m + mpmath.log(mpmath.fsum(mpmath.exp(x - m) for x in xs))


def m_kl(mu, lv):
    return mpmath.fsum(mpf("0.5") * (M(a) ** 2 + mpmath.exp(M(b)) - M(b) - 1) for a, b in zip(mu, lv))


def m_kl2(mu1, lv1, mu2, lv2):
    return mpmath.fsum(
        mpf("0.5") * (M(d) - M(c) + (mpmath.exp(M(c)) + (M(a) - M(b)) ** 2) / mpmath.exp(M(d)) - 1)
        for a, c, b, d in zip(mu1, lv1, mu2, lv2))


def m_softplus(x):
    return mpmath.log1p(mpmath.exp(x))


def m_bce(logits, targets):
    return mpmath.fsum((1 - M(y)) * M(x) + m_softplus(-M(x)) for x, y in zip(logits, targets))


def m_nll(x, mu, lv):
    return mpmath.fsum(
        mpf("0.5") * (mpmath.log(2 * mpmath.pi) + M(c) + (M(a) - M(b)) ** 2 * mpmath.exp(-M(c)))
        for a, b, c in zip(x, mu, lv))


def m_grad_numeric(f, args, which):
    """d f / d args[which] (a nested list) by mpmath.diff at high precision, element by element."""
    base = [np.asarray(a, dtype=object) for a in args]
    target = base[which]
    out = np.zeros(target.shape, dtype=np.float64)
    for idx in np.ndindex(target.shape):
        def g(s, idx=idx):
            cur = [b.copy() for b in base]
            cur[which][idx] = s
            return f(*[c.tolist() for c in cur])
        out[idx] = float(mpmath.diff(g, M(target[idx])))
    return out.tolist()


# cosine-based exact forms; entries may be floats (exact binary values) or mpf (inside mpmath.diff)
def _mpf(x):
    return x if isinstance(x, mpf) else mpf(x)


def x_cos(u, v):
    dot = mpmath.fsum(_mpf(a) * _mpf(b) for a, b in zip(u, v))
    nu = mpmath.sqrt(mpmath.fsum(_mpf(a) ** 2 for a in u))
    nv = mpmath.sqrt(mpmath.fsum(_mpf(a) ** 2 for a in v))
    return dot / (max(nu, M(EPS)) * max(nv, M(EPS)))


def x_infonce(anchors, positives, negatives, tau):
    total = mpf(0)
    for a, p, negs in zip(anchors, positives, negatives):
        logits = [x_cos(a, p) / M(tau)] + [x_cos(a, n) / M(tau) for n in negs]
        total += m_lse(logits) - logits[0]
    return total / len(anchors)


def x_ntxent(va, vb, tau):
    z = list(va) + list(vb)
    n2 = len(z)
    n = n2 // 2
    total = mpf(0)
    for i in range(n2):
        logits = [x_cos(z[i], z[j]) / M(tau) for j in range(n2) if j != i]
        total += m_lse(logits) - x_cos(z[i], z[(i + n) % n2]) / M(tau)
    return total / n2


# --------------------------------------------------------------------------- torch references


def torch_kl(mu_t, lv_t):
    """KL(N(mu, diag e^lv) || N(0, I)) via torch.distributions (Independent over the last dim)."""
    p = Independent(Normal(mu_t, torch.exp(0.5 * lv_t)), 1)
    q = Independent(Normal(torch.zeros_like(mu_t), torch.ones_like(mu_t)), 1)
    return kl_divergence(p, q)


def torch_kl2(mu1, lv1, mu2, lv2):
    p = Independent(Normal(mu1, torch.exp(0.5 * lv1)), 1)
    q = Independent(Normal(mu2, torch.exp(0.5 * lv2)), 1)
    return kl_divergence(p, q)


def torch_bce(logits, targets):
    return F.binary_cross_entropy_with_logits(logits, targets, reduction="sum")


def torch_nll(x, mu, lv):
    return -Normal(mu, torch.exp(0.5 * lv)).log_prob(x).sum()


def torch_cos(u, v):
    return F.cosine_similarity(u.unsqueeze(0), v.unsqueeze(0), dim=1, eps=EPS)[0]


def torch_infonce(anchors, positives, negatives, tau):
    """Log-softmax InfoNCE: logits = [cos(a, p), cos(a, n_1..K)] / tau, loss = -log_softmax[:, 0], mean."""
    za = F.normalize(anchors, dim=-1, eps=EPS)
    zp = F.normalize(positives, dim=-1, eps=EPS)
    zn = F.normalize(negatives, dim=-1, eps=EPS)
    pos = (za * zp).sum(-1, keepdim=True)                 # N x 1
    neg = torch.einsum("nd,nkd->nk", za, zn)              # N x K
    logits = torch.cat([pos, neg], dim=1) / tau
    return -F.log_softmax(logits, dim=1)[:, 0].mean()


def torch_ntxent(va, vb, tau):
    """SimCLR NT-Xent as in the SimCLR PyTorch implementations: concatenate the views, normalise,
    similarity matrix / tau, mask the diagonal, cross-entropy with target (i + N) mod 2N, mean."""
    n = va.shape[0]
    z = F.normalize(torch.cat([va, vb], dim=0), dim=1, eps=EPS)
    sim = z @ z.T / tau
    sim = sim.masked_fill(torch.eye(2 * n, dtype=torch.bool), float("-inf"))
    labels = (torch.arange(2 * n) + n) % (2 * n)
    return F.cross_entropy(sim, labels)


def torch_ntxent_spijkervet(va, vb, tau):
    """Spijkervet/SimCLR's NT_Xent (positives first, negatives gathered by mask, CE sum / 2N),
    used only as a cross-check of torch_ntxent."""
    n = va.shape[0]
    z = torch.cat([va, vb], dim=0)
    sim = F.cosine_similarity(z.unsqueeze(1), z.unsqueeze(0), dim=2, eps=EPS) / tau
    pos = torch.cat([torch.diag(sim, n), torch.diag(sim, -n)]).reshape(2 * n, 1)
    mask = torch.ones((2 * n, 2 * n), dtype=torch.bool)
    mask.fill_diagonal_(False)
    for i in range(n):
        mask[i, n + i] = False
        mask[n + i, i] = False
    neg = sim[mask].reshape(2 * n, -1)
    logits = torch.cat([pos, neg], dim=1)
    return F.cross_entropy(logits, torch.zeros(2 * n, dtype=torch.long), reduction="sum") / (2 * n)


# --------------------------------------------------------------------------- value cases

out = {
    "generator": "tests/RepLearn.Tests/Golden/make_golden.py",
    "torch_version": torch.__version__,
    "numpy_version": np.__version__,
    "mpmath_version": mpmath.__version__,
    "numpy_seed": SEED,
    "torch_trust_relative": TORCH_TRUST,
    "cosine_eps": EPS,
}

KL_CANCEL = ("torch's KL is 0.5 (var_ratio + t1 - 1 - log var_ratio); with var_ratio ~ 1 the "
             "subtraction cancels, so the reference is the exact value (RepLearn uses expm1(d) - d)")


def kl_case(name, mu, lv):
    mu, lv = fl(mu), fl(lv)
    tv = float(torch_kl(t(mu), t(lv)))
    ev = float(m_kl(mu, lv))
    ref, src, note = choose(tv, ev, KL_CANCEL)
    return dict(name=name, mu=mu, logVar=lv, torch=tv, exact=ev, reference=ref, source=src, note=note)


kl = [
    kl_case("random d=8", rng.normal(size=8), rng.normal(size=8)),
    kl_case("random d=3 wide logVar", rng.normal(size=3) * 3, rng.normal(size=3) * 4),
    kl_case("mu=0 logVar=0 (exactly 0)", [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]),
    kl_case("tiny mu=1e-8 logVar=1e-8", [1e-8], [1e-8]),
    kl_case("tiny mu=1e-8 logVar=-1e-8 d=2", [1e-8, -1e-8], [-1e-8, 1e-8]),
    kl_case("logVar=+700", [0.0], [700.0]),
    kl_case("logVar=-700", [0.0], [-700.0]),
    kl_case("logVar=+-700 mixed with 0", [0.5, -0.5, 0.0], [700.0, -700.0, 0.0]),
    kl_case("logVar=+-300", [1.0, -2.0], [300.0, -300.0]),
    kl_case("logVar=+-50", [0.25, 3.0], [50.0, -50.0]),
    kl_case("mu large", [1e150, -3e100, 1e5], [0.0, 1.0, -1.0]),
    kl_case("mu large, logVar=700", [1e150], [700.0]),
    kl_case("logVar=1e-3 (small)", [0.0, 0.0], [1e-3, -1e-3]),
]

KL2_CANCEL = KL_CANCEL


def kl2_case(name, mu1, lv1, mu2, lv2):
    mu1, lv1, mu2, lv2 = fl(mu1), fl(lv1), fl(mu2), fl(lv2)
    tv = float(torch_kl2(t(mu1), t(lv1), t(mu2), t(lv2)))
    ev = float(m_kl2(mu1, lv1, mu2, lv2))
    ref, src, note = choose(tv, ev, KL2_CANCEL)
    return dict(name=name, mu1=mu1, logVar1=lv1, mu2=mu2, logVar2=lv2,
                torch=tv, exact=ev, reference=ref, source=src, note=note)


_m1, _m2 = rng.normal(size=6), rng.normal(size=6)
kl2 = [
    kl2_case("random d=6", _m1, rng.normal(size=6), _m2, rng.normal(size=6)),
    kl2_case("identical (exactly 0)", [0.3, -1.2], [0.5, -2.0], [0.3, -1.2], [0.5, -2.0]),
    kl2_case("q standard normal equals one-argument KL", [0.7, -0.2], [0.4, -1.1], [0.0, 0.0], [0.0, 0.0]),
    kl2_case("tiny difference 1e-8", [0.5 + 1e-8], [0.25 + 1e-8], [0.5], [0.25]),
    kl2_case("logVar1=+700", [0.0], [700.0], [0.0], [0.0]),
    kl2_case("logVar1=-700", [0.0], [-700.0], [0.0], [0.0]),
    kl2_case("logVar2=+700", [3.0], [0.0], [0.0], [700.0]),
    kl2_case("logVar2=-700 small mean gap", [1e-150], [-700.0], [0.0], [-700.0]),
    kl2_case("logVar2=-700", [0.0], [0.0], [1.0], [-700.0]),
    kl2_case("logVar +300 vs -300", [0.0], [300.0], [0.0], [-300.0]),
    kl2_case("logVar +-50", [1.0, -1.0], [50.0, -50.0], [-1.0, 2.0], [-50.0, 50.0]),
    kl2_case("mu large", [1e150, 2.0], [0.0, 0.0], [-1e150, 2.0], [0.0, 3.0]),
]

BCE_LOG = ("torch 1.13 evaluates log(e^-max + e^(-x-max)), which rounds log(1 + e^-40) to 0; "
           "the reference is the exact value (RepLearn uses log1p)")


def bce_case(name, logits, targets):
    logits, targets = fl(logits), fl(targets)
    tv = float(torch_bce(t(logits), t(targets)))
    ev = float(m_bce(logits, targets))
    ref, src, note = choose(tv, ev, BCE_LOG)
    return dict(name=name, logits=logits, targets=targets, torch=tv, exact=ev, reference=ref, source=src, note=note)


bce = [
    bce_case("random logits, fractional targets", rng.normal(size=10) * 3, rng.uniform(size=10)),
    bce_case("random logits, binary targets", rng.normal(size=10) * 3, rng.integers(0, 2, size=10).astype(float)),
    bce_case("zero logits, targets 0 1 0.5", [0.0, 0.0, 0.0], [0.0, 1.0, 0.5]),
    bce_case("logits +-1e308 saturated correct (exactly 0)", [1e308, -1e308], [1.0, 0.0]),
    bce_case("logit +1e308 target 0", [1e308], [0.0]),
    bce_case("logit -1e308 target 1", [-1e308], [1.0]),
    bce_case("logits +-1e308 target 0.5", [1e308, -1e308], [0.5, 0.5]),
    bce_case("logit -1e308 target 0.3", [-1e308], [0.3]),
    bce_case("logits +-1e4 mixed targets", [1e4, -1e4, 1e4, -1e4], [1.0, 0.0, 0.5, 0.25]),
    bce_case("logits +-1e4 saturated correct (exactly 0)", [1e4, -1e4], [1.0, 0.0]),
    bce_case("logits +-40 targets 0 1 0.5", [40.0, -40.0, 40.0, -40.0], [0.0, 1.0, 0.5, 0.5]),
    bce_case("logit +40 target 1 (tiny)", [40.0], [1.0]),
    bce_case("logit -40 target 0 (tiny)", [-40.0], [0.0]),
    bce_case("logits +-40 saturated correct (tiny)", [40.0, -40.0], [1.0, 0.0]),
    bce_case("logit 1e-10 target 0.5", [1e-10], [0.5]),
]

NLL_NOTE = "torch disagrees with the exact value at this input; the reference is the exact value"


def nll_case(name, x, mu, lv):
    x, mu, lv = fl(x), fl(mu), fl(lv)
    tv = float(torch_nll(t(x), t(mu), t(lv)))
    ev = float(m_nll(x, mu, lv))
    ref, src, note = choose(tv, ev, NLL_NOTE)
    return dict(name=name, x=x, mu=mu, logVar=lv, torch=tv, exact=ev, reference=ref, source=src, note=note)


nll = [
    nll_case("random d=8", rng.normal(size=8), rng.normal(size=8), rng.normal(size=8)),
    nll_case("x=mu logVar=0", [1.5, -2.0], [1.5, -2.0], [0.0, 0.0]),
    nll_case("logVar=+-50", [1.0, 2.0], [0.0, 1.5], [50.0, -50.0]),
    nll_case("logVar=+-300", [1e100, 2.0], [0.0, 1.0], [300.0, -300.0]),
    nll_case("logVar=+700", [1e150], [-1e150], [700.0]),
    nll_case("logVar=-700 x=mu+1", [1.0], [0.0], [-700.0]),
    nll_case("logVar=-700 x=mu", [3.0], [3.0], [-700.0]),
    nll_case("mu large", [1e150, -1e150], [-1e150, 1e150], [0.0, 10.0]),
    nll_case("logVar=-5 close x", [0.1, 0.2, 0.3], [0.1001, 0.1999, 0.3], [-5.0, -5.0, -5.0]),
]

COS_NOTE = ("torch 1.13's cosine_similarity multiplies the squared norms before the square root, "
            "which overflows or underflows for extreme norms; the reference is the exact value")


COS_SHARED = ("an entry above ~1.3e154 makes torch's squared norm overflow to +inf (torch 1.13 returns 0); "
              "RepLearn scales the norm by the largest magnitude, so the reference is the exact value")


def cos_case(name, u, v, shared_limitation=False):
    u, v = fl(u), fl(v)
    tv = float(torch_cos(t(u), t(v)))
    ev = float(x_cos(u, v))
    if shared_limitation:
        ref, src, note = ev, "mpmath", COS_SHARED
    else:
        ref, src, note = choose(tv, ev, COS_NOTE)
    return dict(name=name, u=u, v=v, torch=tv, exact=ev, reference=ref, source=src, note=note)


_u = rng.normal(size=6)
cos = [
    cos_case("random d=6", rng.normal(size=6), rng.normal(size=6)),
    cos_case("random d=3", rng.normal(size=3), rng.normal(size=3)),
    cos_case("nearly identical", _u, _u + 1e-9 * rng.normal(size=6)),
    cos_case("identical up to scale", _u, 3.0 * _u),
    cos_case("opposite", _u, -_u),
    cos_case("orthogonal (exactly 0)", [1.0, 0.0, 0.0], [0.0, 2.0, 0.0]),
    cos_case("very different norms 1e100 vs 1e-6", 1e100 * rng.normal(size=4), 1e-6 * rng.normal(size=4)),
    cos_case("very different norms 1e150 vs 1e-11", 1e150 * rng.normal(size=4), 1e-11 * rng.normal(size=4)),
    cos_case("both huge norms 1e150", 1e150 * rng.normal(size=4), 1e150 * rng.normal(size=4)),
    cos_case("both huge norms 1e160 (squared norm overflows)", 1e160 * rng.normal(size=4), 1e160 * rng.normal(size=4),
             shared_limitation=True),
    cos_case("norm 1e200 vs 1e-200 (squared norm overflows)", 1e200 * rng.normal(size=4), 1e-200 * rng.normal(size=4),
             shared_limitation=True),
    cos_case("both norms 1e-100 (below eps)", 1e-100 * rng.normal(size=4), 1e-100 * rng.normal(size=4)),
    cos_case("norm below eps 1e-13", [1e-13, 0.0], [1.0, 1.0]),
    cos_case("zero vector (exactly 0)", [0.0, 0.0, 0.0], [1.0, -2.0, 3.0]),
    cos_case("both zero vectors (exactly 0)", [0.0, 0.0], [0.0, 0.0]),
]

NCE_NOTE = "torch disagrees with the exact value at this input; the reference is the exact value"


def nce_case(name, anchors, positives, negatives, tau):
    anchors, positives, negatives = fl(anchors), fl(positives), fl(negatives)
    tv = float(torch_infonce(t(anchors), t(positives), t(negatives), tau))
    ev = float(x_infonce(anchors, positives, negatives, tau))
    ref, src, note = choose(tv, ev, NCE_NOTE)
    return dict(name=name, anchors=anchors, positives=positives, negatives=negatives, temperature=tau,
                torch=tv, exact=ev, reference=ref, source=src, note=note)


def rnd(*shape):
    return rng.normal(size=shape)


_a = rnd(3, 5)
_near = _a + 1e-9 * rnd(3, 5)
infonce = [nce_case(f"random N=4 K=5 d=6 tau={tau}", rnd(4, 6), rnd(4, 6), rnd(4, 5, 6), tau)
           for tau in (0.07, 1.0, 10.0, 1e-4)]
infonce += [
    nce_case("K=1 d=2 tau=0.5", rnd(2, 2), rnd(2, 2), rnd(2, 1, 2), 0.5),
    nce_case("positives nearly identical tau=0.07", _a, _near, rnd(3, 4, 5), 0.07),
    nce_case("positives nearly identical tau=1e-4", _a, _near, rnd(3, 4, 5), 1e-4),
    nce_case("negative nearly identical to anchor tau=1e-4", _a, rnd(3, 5),
             np.stack([_near, rnd(3, 5)], axis=1), 1e-4),
    nce_case("very different norms tau=0.1", _a * np.array([[1e100], [1e-100], [1.0]]),
             rnd(3, 5) * np.array([[1e-50], [1e80], [3.0]]), rnd(3, 2, 5) * 1e30, 0.1),
    nce_case("all similarities equal tau=1 (log(K+1))", [[1.0, 0.0]], [[2.0, 0.0]], [[[3.0, 0.0], [0.5, 0.0]]], 1.0),
]


def ntx_case(name, va, vb, tau):
    va, vb = fl(va), fl(vb)
    tv = float(torch_ntxent(t(va), t(vb), tau))
    cross = float(torch_ntxent_spijkervet(t(va), t(vb), tau))
    assert rel(cross, tv) < 1e-10 or abs(cross - tv) < 1e-12, (name, tv, cross)
    ev = float(x_ntxent(va, vb, tau))
    ref, src, note = choose(tv, ev, NCE_NOTE)
    return dict(name=name, viewA=va, viewB=vb, temperature=tau,
                torch=tv, exact=ev, reference=ref, source=src, note=note)


_v = rnd(4, 5)
ntxent = [ntx_case(f"random N=4 d=5 tau={tau}", rnd(4, 5), rnd(4, 5), tau) for tau in (0.5, 0.07, 1.0, 10.0, 1e-4)]
ntxent += [
    ntx_case("N=1 (only the positive, exactly 0)", [[1.0, 2.0]], [[-3.0, 0.5]], 0.5),
    ntx_case("N=2 d=3 tau=0.2", rnd(2, 3), rnd(2, 3), 0.2),
    ntx_case("views nearly identical tau=0.1", _v, _v + 1e-9 * rnd(4, 5), 0.1),
    ntx_case("views nearly identical tau=1e-4", _v, _v + 1e-9 * rnd(4, 5), 1e-4),
    ntx_case("very different row norms tau=0.5", _v * np.array([[1e100], [1e-100], [1.0], [1e50]]),
             rnd(4, 5) * np.array([[1e-80], [3.0], [1e120], [1.0]]), 0.5),
]

out["gaussian_kl"] = kl
out["gaussian_kl2"] = kl2
out["bernoulli_nll"] = bce
out["gaussian_nll"] = nll
out["cosine_similarity"] = cos
out["info_nce"] = infonce
out["nt_xent"] = ntxent

# --------------------------------------------------------------------------- gradient cases

GRAD_NOTE = ("torch's autograd gradient differs from the exact derivative at this input by more than "
             "the trust threshold; the reference is the exact derivative")


def grad_entry(name, loss, inputs, torch_fn, exact_grads, normwise=False):
    """inputs: ordered dict name -> nested list; torch_fn(*tensors) -> scalar tensor;
    exact_grads: name -> nested list of floats (exact derivative)."""
    tensors = [t(v, grad=True) for v in inputs.values()]
    value = torch_fn(*tensors)
    value.backward()
    grads = {}
    for (k, _), tt in zip(inputs.items(), tensors):
        tg = tt.grad.tolist()
        ref, src, note = choose_array(tg, exact_grads[k], GRAD_NOTE, normwise)
        grads[k] = dict(torch=tg, exact=exact_grads[k], reference=ref, source=src, note=note)
    return dict(name=name, loss=loss, inputs=inputs, value=float(value), grads=grads,
                comparison="normwise" if normwise else "elementwise")


def kl_grad(name, mu, lv):
    mu, lv = fl(mu), fl(lv)
    return grad_entry(name, "gaussian_kl", {"mu": mu, "logVar": lv},
                      torch_kl,
                      {"mu": mu,
                       "logVar": [float(mpf("0.5") * mpmath.expm1(M(b))) for b in lv]})


def kl2_grad(name, mu1, lv1, mu2, lv2):
    mu1, lv1, mu2, lv2 = fl(mu1), fl(lv1), fl(mu2), fl(lv2)
    g_mu1, g_lv1, g_mu2, g_lv2 = [], [], [], []
    for a, c, b, d in zip(mu1, lv1, mu2, lv2):
        a, c, b, d = M(a), M(c), M(b), M(d)
        g_mu1.append(float((a - b) / mpmath.exp(d)))
        g_mu2.append(float(-(a - b) / mpmath.exp(d)))
        g_lv1.append(float(mpf("0.5") * mpmath.expm1(c - d)))
        g_lv2.append(float(mpf("0.5") * (1 - (mpmath.exp(c) + (a - b) ** 2) / mpmath.exp(d))))
    return grad_entry(name, "gaussian_kl2", {"mu1": mu1, "logVar1": lv1, "mu2": mu2, "logVar2": lv2},
                      torch_kl2, {"mu1": g_mu1, "logVar1": g_lv1, "mu2": g_mu2, "logVar2": g_lv2})


def bce_grad(name, logits, targets):
    logits, targets = fl(logits), fl(targets)
    g = [float(1 / (1 + mpmath.exp(-M(x))) - M(y)) for x, y in zip(logits, targets)]
    tl = t(logits, grad=True)
    value = torch_bce(tl, t(targets))
    value.backward()
    tg = tl.grad.tolist()
    ref, src, note = choose_array(tg, g, GRAD_NOTE)
    return dict(name=name, loss="bernoulli_nll", inputs={"logits": logits, "targets": targets}, value=float(value),
                grads={"logits": dict(torch=tg, exact=g, reference=ref, source=src, note=note)},
                comparison="elementwise")


def nll_grad(name, x, mu, lv):
    x, mu, lv = fl(x), fl(mu), fl(lv)
    gx, gmu, glv = [], [], []
    for a, b, c in zip(x, mu, lv):
        a, b, c = M(a), M(b), M(c)
        gx.append(float((a - b) * mpmath.exp(-c)))
        gmu.append(float(-(a - b) * mpmath.exp(-c)))
        glv.append(float(mpf("0.5") * (1 - (a - b) ** 2 * mpmath.exp(-c))))
    return grad_entry(name, "gaussian_nll", {"x": x, "mu": mu, "logVar": lv}, torch_nll,
                      {"x": gx, "mu": gmu, "logVar": glv})


def cos_grad(name, u, v):
    u, v = fl(u), fl(v)
    return grad_entry(name, "cosine_similarity", {"u": u, "v": v}, torch_cos,
                      {"u": m_grad_numeric(x_cos, [u, v], 0), "v": m_grad_numeric(x_cos, [u, v], 1)}, normwise=True)


def nce_grad(name, anchors, positives, negatives, tau):
    anchors, positives, negatives = fl(anchors), fl(positives), fl(negatives)
    f = lambda a, p, n: x_infonce(a, p, n, tau)
    args = [anchors, positives, negatives]
    e = grad_entry(name, "info_nce", {"anchors": anchors, "positives": positives, "negatives": negatives},
                   lambda a, p, n: torch_infonce(a, p, n, tau),
                   {"anchors": m_grad_numeric(f, args, 0), "positives": m_grad_numeric(f, args, 1),
                    "negatives": m_grad_numeric(f, args, 2)}, normwise=True)
    e["temperature"] = tau
    return e


def ntx_grad(name, va, vb, tau):
    va, vb = fl(va), fl(vb)
    f = lambda a, b: x_ntxent(a, b, tau)
    e = grad_entry(name, "nt_xent", {"viewA": va, "viewB": vb},
                   lambda a, b: torch_ntxent(a, b, tau),
                   {"viewA": m_grad_numeric(f, [va, vb], 0), "viewB": m_grad_numeric(f, [va, vb], 1)}, normwise=True)
    e["temperature"] = tau
    return e


grads = [
    kl_grad("kl random d=5", rnd(5), rnd(5)),
    kl_grad("kl logVar +-50 and +-700", [0.5, -1.0, 2.0, 0.0], [50.0, -50.0, 700.0, -700.0]),
    kl_grad("kl mu=0 logVar=0 (zero gradient)", [0.0, 0.0], [0.0, 0.0]),
    kl_grad("kl tiny logVar=1e-8", [1e-8], [1e-8]),
    kl_grad("kl logVar=1e-3", [0.0], [1e-3]),
    kl2_grad("kl2 random d=4", rnd(4), rnd(4), rnd(4), rnd(4)),
    kl2_grad("kl2 logVar extremes", [1.0, 0.0, 1e-150], [300.0, 0.0, -700.0], [0.0, 2.0, 0.0], [0.0, 300.0, -700.0]),
    bce_grad("bce random", rnd(8) * 3, rng.uniform(size=8)),
    bce_grad("bce saturation +-1e308 and +-40",
             [1e308, -1e308, 1e308, -1e308, 40.0, -40.0, 0.0, 1e4],
             [1.0, 0.0, 0.5, 0.5, 1.0, 0.0, 0.5, 0.0]),
    nll_grad("nll random d=5", rnd(5), rnd(5), rnd(5)),
    nll_grad("nll logVar extremes", [1.0, 2.0, 1.0, 3.0], [0.0, 1.5, 0.0, 3.0], [50.0, -50.0, -700.0, 700.0]),
    cos_grad("cosine random d=5", rnd(5), rnd(5)),
    cos_grad("cosine different norms", 1e3 * rnd(4), 1e-3 * rnd(4)),
    nce_grad("infonce N=3 K=4 d=5 tau=0.07", rnd(3, 5), rnd(3, 5), rnd(3, 4, 5), 0.07),
    nce_grad("infonce N=2 K=3 d=4 tau=1", rnd(2, 4), rnd(2, 4), rnd(2, 3, 4), 1.0),
    ntx_grad("ntxent N=3 d=4 tau=0.5", rnd(3, 4), rnd(3, 4), 0.5),
    ntx_grad("ntxent N=2 d=3 tau=0.07", rnd(2, 3), rnd(2, 3), 0.07),
]
out["gradients"] = grads

# --------------------------------------------------------------------------- write


def sanitize(o):
    """torch's non-finite results (only ever in a "torch" field, never a reference) become null."""
    if isinstance(o, float):
        return o if math.isfinite(o) else None
    if isinstance(o, dict):
        return {k: sanitize(v) for k, v in o.items()}
    if isinstance(o, list):
        return [sanitize(v) for v in o]
    return o


def check_finite(o, path="root"):
    if isinstance(o, dict) and "torch" in o:
        o = {k: v for k, v in o.items() if k != "torch"}
    if isinstance(o, float):
        assert math.isfinite(o), f"non-finite value at {path}"
    elif isinstance(o, dict):
        for k, v in o.items():
            check_finite(v, f"{path}.{k}")
    elif isinstance(o, list):
        for i, v in enumerate(o):
            check_finite(v, f"{path}[{i}]")


check_finite(out)
out = sanitize(out)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "losses.json"), "w") as fh:
    json.dump(out, fh, indent=1, allow_nan=False)
    fh.write("\n")

n_values = sum(len(out[k]) for k in ("gaussian_kl", "gaussian_kl2", "bernoulli_nll", "gaussian_nll",
                                      "cosine_similarity", "info_nce", "nt_xent"))
print(f"wrote {n_values} value cases and {len(grads)} gradient cases", file=sys.stderr)
for k in ("gaussian_kl", "gaussian_kl2", "bernoulli_nll", "gaussian_nll", "cosine_similarity", "info_nce", "nt_xent"):
    for c in out[k]:
        if c["source"] != "torch":
            print(f"  {k}: '{c['name']}' source {c['source']}: torch={c['torch']!r} exact={c['exact']!r}", file=sys.stderr)
for g in grads:
    for a, d in g["grads"].items():
        if d["source"] != "torch":
            print(f"  grad {g['name']} d/d{a} uses mpmath", file=sys.stderr)
