#!/usr/bin/env bash
# examples/vae from a plain consumer application (bench/consumer: SDK defaults, none of the repository's GC or JIT
# settings, the facade by project reference) beside the `replearn` command, both on core 0 with one thread, float64
# and float32. Prints each one's epochs and median seconds per epoch.
# Usage: bash bench/consumer_vae.sh [DATA_DIR] [EPOCHS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(cd "${1:-$root/../shared/data/mnist10k}" && pwd)
epochs=${2:-10}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build "$root/bench/consumer" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/src/RepLearn.Cli" -c Release -v quiet -nologo >/dev/null
export REPLEARN_NUM_THREADS=1
for dtype in float64 float32; do
  echo "== consumer app, $dtype"
  taskset -c 0 dotnet "$root/bench/consumer/bin/Release/net10.0/Consumer.dll" "$data" "$epochs" "$dtype"
  echo "== replearn train vae, $dtype"
  taskset -c 0 dotnet "$root/src/RepLearn.Cli/bin/Release/net10.0/RepLearn.Cli.dll" train vae --data "$data" --epochs "$epochs" \
    --batch-size 128 --lr 1e-3 --latent 20 --hidden 400 --seed 1 --dtype "$dtype" --out "$out/$dtype.safetensors" | grep -E "^epoch|median"
done
