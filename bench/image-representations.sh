#!/usr/bin/env bash
# Codes of labelled images compared (issue 10, deliverable 3): the linear probe, its bound H(y) - CE and 5-NN accuracy on
# the test images for raw pixels, PCA of the pixels and the codes of each model kind, all WIDTH wide, each model trained by
# `replearn train KIND --latent WIDTH` with its defaults and scored by `replearn eval`, over seeds 1..SEEDS; writes the
# mean +- sample standard deviation over the seeds to OUT, each row with its commands.
# Usage: bash bench/image-representations.sh [DATA (../shared/data/mnist10k)] [WIDTH (20)] [EPOCHS (20)] [SEEDS (3)] [OUT]
#        [KINDS ("ae dae vae contrastive")]
# KEEP=DIR keeps each checkpoint there (to score them again without training).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(cd "${1:-$root/../shared/data/mnist10k}" && pwd)
width=${2:-20}
epochs=${3:-20}
seeds=${4:-3}
out=${5:-$root/docs/benchmarks/$(basename "$data")-${width}d.md}
kinds=${6:-ae dae vae contrastive}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/RepLearn.Cli" -c Release -v quiet -nologo >/dev/null
replearn() { dotnet run --project "$root/src/RepLearn.Cli" -c Release --no-build -- "$@"; }

# The pixel rows are deterministic (PCA, the L-BFGS probe and 5-NN take no seed): computed once, listed under seed 0.
echo "== pixels" >&2
(cd "$root" && dotnet run -c Release bench/pixel-baselines.cs -- "$data" "$width") | while IFS=$'\t' read -r name probe bound knn; do
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" 0 "$probe" "$bound" "$knn" \
    "dotnet run -c Release bench/pixel-baselines.cs -- DATA $width (deterministic)" >> "$work/runs.tsv"
done
for seed in $(seq 1 "$seeds"); do
  for kind in $kinds; do
    echo "== $kind, seed $seed" >&2
    start=$(date +%s)
    (cd "$work" && replearn train "$kind" --data "$data" --latent "$width" --epochs "$epochs" --seed "$seed" --out "$kind-$seed.safetensors" --force >/dev/null)
    seconds=$(( $(date +%s) - start ))
    if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$work/$kind-$seed.safetensors" "$KEEP/"; fi
    (cd "$work" && COLUMNS=200 replearn eval "$kind-$seed.safetensors" --data "$data" --seed "$seed" --logpx-rows 0 > "$kind-$seed.eval.txt")
    python3 - "$work/$kind-$seed.eval.txt" "$kind" "$seed" "$width" "$epochs" "$seconds" >> "$work/runs.tsv" <<'PY'
import re, sys
path, kind, seed, width, epochs, seconds = sys.argv[1:]
figures = {}
for line in open(path, encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("│").split("│")]
    if len(cells) == 2: figures[cells[0]] = cells[1]
def number(figure): return re.match(r"-?[0-9.]+", figures[figure].replace(" ", "")).group(0)
print("\t".join([kind, seed, number("linear-probe accuracy"), number("probe bound H(y) - CE (nats)"),
                 number("k-NN accuracy (k = 5, cosine)"),
                 f"replearn train {kind} --data DATA --latent {width} --epochs {epochs} --seed {seed} ({seconds} s here); "
                 f"replearn eval {kind}-{seed}.safetensors --data DATA --seed {seed}"]))
PY
  done
done

python3 - "$work/runs.tsv" "$out" "$data" "$width" "$epochs" "$seeds" <<'PY'
import statistics, sys
runs_path, out, data, width, epochs, seeds = sys.argv[1:]
rows = {}
for line in open(runs_path, encoding="utf-8"):
    name, seed, probe, bound, knn, command = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append((int(seed), float(probe), float(bound), float(knn), command))
def cell(values, digits):
    if len(values) == 1: return f"{values[0]:.{digits}f}"
    return f"{statistics.mean(values):.{digits}f} ± {statistics.stdev(values):.{digits}f}"
lines = [f"# {width}-d codes of {data.rstrip('/').split('/')[-1]}", "",
         f"Rebuilt by `bash bench/image-representations.sh {data} {width} {epochs} {seeds}` (DATA below). Every code is {width} wide;",
         f"models trained {epochs} epochs with `replearn train`'s defaults for their kind; the same linear probe (softmax regression on",
         "standardised codes), its bound H(y) - CE in nats, and 5-NN (cosine) on the test images, as `replearn eval` prints them;",
         f"mean ± sample standard deviation over seeds 1..{seeds} (the seed of the model and its views; the probe is scikit-learn's",
         "LogisticRegression(C=1) solved by L-BFGS, deterministic, so the pixel rows, which have no seed, are computed once).", "",
         "| code | linear probe (%) | probe bound (nats) | 5-NN (%) |", "| --- | ---: | ---: | ---: |"]
for name, rs in rows.items():
    lines.append(f"| {name} | {cell([r[1] for r in rs], 2)} | {cell([r[2] for r in rs], 3)} | {cell([r[3] for r in rs], 2)} |")
lines += ["", "Per seed (probe / bound / 5-NN) and the command of each run:", ""]
for name, rs in rows.items():
    for seed, probe, bound, knn, command in rs:
        lines.append(f"- {name}, {'no seed' if seed == 0 else f'seed {seed}'}: {probe:.2f} / {bound:.3f} / {knn:.2f}; `{command}`")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
