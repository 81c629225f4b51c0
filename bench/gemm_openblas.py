"""OpenBLAS's single-core GEMM GFLOP/s at the issue's shapes, through numpy and (if installed) torch.

Prints which BLAS each library runs on and one RESULT line per library, precision and shape, in the
format bench/RepLearn.Bench's `gemm` mode prints ours. Run pinned with OPENBLAS_NUM_THREADS=1
(bench/gemm_vs_openblas.sh does). C = A B into a preallocated C, like ours; median of ~2 s of repeats.
"""
import os
import re
import statistics
import sys
import time

SHAPES = [(128, 784, 400), (1024, 1024, 1024)]


def timed(f, flop):
    for _ in range(3):
        f()
    t0 = time.perf_counter()
    f()
    once = max(time.perf_counter() - t0, 1e-6)
    repeats = max(5, min(500, int(2.0 / once)))
    times = []
    cpu0 = time.process_time()
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    cpu = (time.process_time() - cpu0) / repeats
    return flop / statistics.median(times) / 1e9, flop / min(times) / 1e9, flop / cpu / 1e9, statistics.median(times)


def loaded_blas():
    """The BLAS shared objects this process mapped: the honest answer to 'which BLAS ran'."""
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if re.search(r"blas|mkl|blis", line.split()[-1] if line.split() else "")}
    return ", ".join(sorted(os.path.realpath(l) for l in libs)) or "none found"


def report(lib, dtype, shape, r):
    m, k, n = shape
    print(f"RESULT {lib} {dtype} {m}x{k}x{n} {r[0]:.1f} GFLOP/s median, {r[1]:.1f} best, {r[2]:.1f} per CPU-second (median {r[3] * 1e3:.3f} ms)", flush=True)


import numpy as np  # noqa: E402

import contextlib  # noqa: E402
import io  # noqa: E402

config = io.StringIO()
with contextlib.redirect_stdout(config):
    np.show_config()
blas_lines = [l.strip() for l in config.getvalue().splitlines() if "blas" in l.lower() or "found =" in l]
print("numpy", np.__version__, "show_config:", " | ".join(blas_lines))
rng = np.random.default_rng(1)
for shape in SHAPES:
    m, k, n = shape
    for dtype in ("float64", "float32"):
        a = rng.random((m, k)).astype(dtype) - 0.5
        b = rng.random((k, n)).astype(dtype) - 0.5
        c = np.empty((m, n), dtype=dtype)
        report("numpy", dtype, shape, timed(lambda: np.matmul(a, b, out=c), 2.0 * m * k * n))

try:
    import torch
except ImportError:
    torch = None
if torch is not None:
    torch.set_num_threads(1)
    blas = re.findall(r"BLAS_INFO=[^,]*|LAPACK_INFO=[^,]*", torch.__config__.show())
    print("torch", torch.__version__, "threads", torch.get_num_threads(), "|", ", ".join(blas), "(generic = the system libblas.so.3)")
    for shape in SHAPES:
        m, k, n = shape
        for dtype in (torch.float64, torch.float32):
            a = torch.rand(m, k, dtype=dtype) - 0.5
            b = torch.rand(k, n, dtype=dtype) - 0.5
            c = torch.empty(m, n, dtype=dtype)
            report("torch", str(dtype).replace("torch.", ""), shape, timed(lambda: torch.matmul(a, b, out=c), 2.0 * m * k * n))
else:
    print("torch not installed; numpy only")
print("BLAS libraries mapped into this process:", loaded_blas())
