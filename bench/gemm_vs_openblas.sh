#!/usr/bin/env bash
# GEMM side by side on one core: OpenBLAS (through numpy and, if installed, torch) against ours, at
# 128x784x400 and 1024^3 in float64 and float32, C = A B, both pinned to CPU 0 with one thread.
# Rounds alternate the two so a noisy neighbour hits both; the table takes each side's median over rounds.
# Usage: bash bench/gemm_vs_openblas.sh [ROUNDS]        (REPLEARN_GEMM_ISA=... forces our path)
# Needs Debian's numpy (/usr/bin/python3, not a pyenv one) on OpenBLAS; torch optional:
#   apt-get install -y python3-numpy libopenblas0-pthread python3-torch
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-3}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== CPU"
lscpu | sed -n 's/^Model name: *//p' | sed 's/^/model: /'
flags=$(grep -m1 '^flags' /proc/cpuinfo)
isa=""
for f in avx512f avx2 fma avx sse4_2 asimd; do [[ " $flags " == *" $f "* ]] && isa+="$f "; done
echo "vector ISA: ${isa:-unknown}"
echo "system libblas.so.3: $(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | sed -n 's/^Value: //p')"

dotnet build "$root/bench/RepLearn.Bench" -c Release -v quiet -nologo >/dev/null
export REPLEARN_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
for r in $(seq 1 "$rounds"); do
  echo "== round $r: OpenBLAS"
  taskset -c 0 /usr/bin/python3 "$root/bench/gemm_openblas.py" | tee -a "$log"
  echo "== round $r: RepLearn"
  taskset -c 0 dotnet "$root/bench/RepLearn.Bench/bin/Release/net10.0/RepLearn.Bench.dll" gemm | tee -a "$log"
done

echo "== summary, one core: GFLOP/s as the median over $rounds rounds of each run's median wall time, of its best"
echo "   wall time, and of flop per CPU-second (the last is the least disturbed by other processes on a shared machine)"
/usr/bin/python3 - "$log" <<'PY'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (\S+) (\S+) (\S+) ([\d.]+) GFLOP/s median, ([\d.]+) best, ([\d.]+) per CPU-second", line)
    if m:
        runs.setdefault((m[1], m[2], m[3]), []).append(tuple(float(m[i]) for i in (4, 5, 6)))
nan = (float("nan"),) * 3
def med(rows): return tuple(statistics.median(r[i] for r in rows) for i in range(3)) if rows else nan
print(f"{'dtype':8} {'shape':15} {'measure':11} {'OpenBLAS':>9} {'via':6} {'ours':>6} {'ours/OpenBLAS':>14}")
for shape in ("128x784x400", "1024x1024x1024"):
    for dtype in ("float64", "float32"):
        ours = med(runs.get(("ours", dtype, shape), []))
        refs = {lib: med(v) for (lib, d, s), v in runs.items() if lib != "ours" and d == dtype and s == shape}
        for i, measure in enumerate(("median", "best", "per CPU-s")):
            # The faster of numpy and torch (both OpenBLAS): the stricter reference.
            lib, ref = max(((l, r[i]) for l, r in refs.items()), key=lambda kv: kv[1]) if refs else ("-", float("nan"))
            print(f"{dtype:8} {shape:15} {measure:11} {ref:9.1f} {lib:6} {ours[i]:6.1f} {ours[i] / ref:13.0%}")
PY
