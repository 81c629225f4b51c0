#!/usr/bin/env bash
# GEMM against OpenBLAS under BenchmarkDotNet, one core each, in one run: ours (the selected path; REPLEARN_GEMM_ISA
# forces another) and cblas_dgemm / cblas_sgemm on the same arrays, 128x784x400 and 1024^3, float64 and float32.
# The Ratio column is our mean time over OpenBLAS's (<= 1.11 is >= 90% of its speed); GFLOP/s is 2 m k n / mean.
# Needs the system OpenBLAS for the baseline rows: apt-get install -y libopenblas0-pthread
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
grep -o -w 'avx512f\|avx2\|fma\|asimd' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/^/vector ISA: /'; echo
export REPLEARN_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
taskset -c 0 dotnet run -c Release --project "$root/bench/RepLearn.Bench" -- micro --filter '*GemmPathBenchmarks*' "$@"
