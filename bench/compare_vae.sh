#!/usr/bin/env bash
# Side by side on one machine: the issue's `replearn train vae` command against PyTorch's examples/vae
# (../shared/bench/vae_torch.py), same data, 10 epochs, batch 128, lr 1e-3, in float64 and in float32 (--dtype).
# Prints the CPU's vector ISA and the BLAS behind PyTorch, then for each precision the median seconds per epoch of both
# (each pinned to core 0, one thread), the ratio PyTorch / RepLearn (>= 1: RepLearn at least as fast), the test -ELBO
# after the last epoch and each process's peak resident memory; both also on 2 threads (cores 0-1), with their speed-ups.
# Usage: bash bench/compare_vae.sh [DATA_DIR] [EPOCHS]
# The reference half needs Debian's PyTorch and an optimised BLAS (Debian's torch calls the system libblas.so.3,
# which is the slow netlib reference unless OpenBLAS provides it):
#   apt-get install -y python3-torch libopenblas0-pthread
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(cd "${1:-$root/../shared/data/mnist10k}" && pwd)
epochs=${2:-10}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build "$root/src/RepLearn.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/RepLearn.Cli/bin/Release/net10.0/RepLearn.Cli.dll"

isa=$(grep -o -w 'avx512f\|avx2\|fma\|asimd' /proc/cpuinfo 2>/dev/null | sort -u | tr '\n' ' ')
echo "CPU: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; vector ISA: ${isa:-unknown}"

# Runs a command and appends "PEAK_KB <max resident set size of the process tree's largest process>" to its output.
peak() { /usr/bin/python3 -c '
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
print(f"PEAK_KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", flush=True)
sys.exit(code)' "$@"; }

for dtype in float64 float32; do
  for threads in 1 2; do
    cores=$([ "$threads" = 1 ] && echo 0 || echo 0-1)
    echo "== RepLearn $dtype, $threads thread(s), cores $cores"
    log="$out/replearn-$dtype-$threads"
    REPLEARN_NUM_THREADS=$threads peak taskset -c "$cores" dotnet "$cli" \
      train vae --data "$data" --epochs "$epochs" --batch-size 128 --lr 1e-3 --latent 20 --hidden 400 --seed 1 --dtype "$dtype" \
      --out "$log.safetensors" --metrics "$log.jsonl" > "$log.txt"
    grep -E "^epoch|PEAK_KB" "$log.txt" || true
  done
done

torch=no
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  torch=yes
  blas=$(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | sed -n 's/^Value: //p')
  echo "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), system BLAS: ${blas:-unknown}"
  for dtype in float64 float32; do
    echo "== PyTorch examples/vae ($dtype, 1 thread, core 0)"
    (cd "$root/../shared/bench" && unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE && \
      OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 peak taskset -c 0 /usr/bin/python3 vae_torch.py "$data" "$epochs" "$dtype" 1) > "$out/torch-$dtype.txt"
    grep -E "^epoch|RESULT|PEAK_KB" "$out/torch-$dtype.txt"
    # The same on two cores, for the speed-up the machine gives PyTorch at the same moment.
    echo "== PyTorch examples/vae ($dtype, 2 threads, cores 0-1)"
    (cd "$root/../shared/bench" && unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE && \
      OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 taskset -c 0-1 /usr/bin/python3 vae_torch.py "$data" "$epochs" "$dtype" 2) > "$out/torch-$dtype-2.txt"
    grep -E "RESULT" "$out/torch-$dtype-2.txt"
  done
else
  echo "python3-torch is not installed; the PyTorch columns are left empty"
fi

/usr/bin/python3 - "$out" "$torch" <<'PY'
import json, re, statistics, sys
out, torch = sys.argv[1], sys.argv[2] == "yes"
def peak(path):
    m = re.search(r"PEAK_KB (\d+)", open(path).read())
    return int(m.group(1)) / 1024 if m else float("nan")
def ours(dtype, threads):
    rows = [json.loads(l) for l in open(f"{out}/replearn-{dtype}-{threads}.jsonl")]
    return statistics.median(r["seconds"] for r in rows), rows[-1]["test_loss"], peak(f"{out}/replearn-{dtype}-{threads}.txt")
def theirs(dtype, suffix=""):
    if not torch: return float("nan"), float("nan"), float("nan")
    text = open(f"{out}/torch-{dtype}{suffix}.txt").read()
    m = re.search(r"median_epoch_s=([0-9.]+) final_test_nelbo=([0-9.]+)", text)
    return float(m.group(1)), float(m.group(2)), peak(f"{out}/torch-{dtype}.txt")
print()
print("| dtype | RepLearn s/epoch (1 thread) | PyTorch s/epoch (1 thread) | PyTorch / RepLearn | RepLearn 2 threads | speed-up on 2 | PyTorch 2 threads | its speed-up | test -ELBO RepLearn / PyTorch | peak MB RepLearn / PyTorch |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for dtype in ("float64", "float32"):
    s1, e1, m1 = ours(dtype, 1)
    s2, _, _ = ours(dtype, 2)
    st, et, mt = theirs(dtype)
    st2 = theirs(dtype, "-2")[0]
    print(f"| {dtype} | {s1:.3f} | {st:.3f} | {st / s1:.2f} | {s2:.3f} | {s1 / s2:.2f}x | {st2:.3f} | {st / st2:.2f}x | {e1:.2f} / {et:.2f} | {m1:.0f} / {mt:.0f} |")
e64, e32 = ours("float64", 1)[1], ours("float32", 1)[1]
print(f"\nRepLearn test -ELBO, float32 - float64: {e32 - e64:+.2f} nats")
for dtype in ("float64", "float32"):
    runs = [[{k: v for k, v in json.loads(l).items() if k != "seconds"} for l in open(f"{out}/replearn-{dtype}-{t}.jsonl")] for t in (1, 2)]
    print(f"RepLearn {dtype}, 1 and 2 threads: {'the same' if runs[0] == runs[1] else 'DIFFERENT'} losses and metrics every epoch")
PY
