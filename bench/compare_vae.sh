#!/usr/bin/env bash
# Side by side on one machine: the issue's `replearn train vae` command against PyTorch's examples/vae
# (../shared/bench/vae_torch.py), same data, 10 epochs, batch 128, lr 1e-3, in float64 and in float32 (--dtype).
# Usage: bash bench/compare_vae.sh [DATA_DIR] [EPOCHS] [TORCH_THREADS]
# The reference half needs Debian's PyTorch and an optimised BLAS (Debian's torch calls the system libblas.so.3,
# which is the slow netlib reference unless OpenBLAS provides it):
#   apt-get install -y python3-torch libopenblas0-pthread
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$root/../shared/data/mnist10k}
epochs=${2:-10}
threads=${3:-1}
out=$(mktemp -d)
dotnet build "$root/src/RepLearn.Cli" -c Release -v quiet -nologo >/dev/null

for dtype in float64 float32; do
  for threads_ours in 1 2; do
    echo "== RepLearn $dtype (REPLEARN_NUM_THREADS=$threads_ours)"
    REPLEARN_NUM_THREADS=$threads_ours dotnet run --project "$root/src/RepLearn.Cli" -c Release --no-build -- \
      train vae --data "$data" --epochs "$epochs" --batch-size 128 --lr 1e-3 --latent 20 --hidden 400 --seed 1 --dtype "$dtype" \
      --out "$out/vae-$dtype-$threads_ours.safetensors" --metrics "$out/vae-$dtype-$threads_ours.jsonl" | grep -E "^epoch" || true
    python3 - "$out/vae-$dtype-$threads_ours.jsonl" "$dtype" "$threads_ours" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
secs = sorted(r["seconds"] for r in rows)
print(f"RESULT replearn dtype={sys.argv[2]} threads={sys.argv[3]} median_epoch_s={secs[len(secs)//2]:.3f} final_test_nelbo={rows[-1]['test_loss']:.2f}")
PY
  done
done

if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  blas=$(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | sed -n 's/^Value: //p')
  echo "system BLAS: ${blas:-unknown}"
  for dtype in float64 float32; do
    echo "== PyTorch examples/vae ($dtype, $threads thread(s))"
    (cd "$root/../shared/bench" && unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE && \
      taskset -c 0 /usr/bin/python3 vae_torch.py "$data" "$epochs" "$dtype" "$threads")
  done
else
  echo "python3-torch is not installed; skipping the reference"
fi
rm -rf "$out"
