#!/usr/bin/env bash
# Representations on generated shapes (issue 10, deliverable 3): VAE, beta-VAE (beta 4), beta-TCVAE (beta 6), AE, DAE and contrastive codes,
# each trained by `replearn train KIND` and scored by `replearn eval` (every disentanglement metric, BetaVAE and FactorVAE
# on freshly sampled shapes, a linear probe per factor) over seeds 1..SEEDS; writes the mean +- sample standard deviation
# over the seeds to OUT (default docs/benchmarks/shapes.md), each row with its commands.
# Usage: bash bench/representations.sh [EPOCHS (10)] [SEEDS (3)] [OUT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
epochs=${1:-10}
seeds=${2:-3}
out=${3:-$root/docs/benchmarks/shapes.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/RepLearn.Cli" -c Release -v quiet -nologo >/dev/null
replearn() { dotnet run --project "$root/src/RepLearn.Cli" -c Release --no-build -- "$@"; }

# name | train flags (the latent width is 10 for every model, so the codes are comparable)
models=(
  "VAE|vae --latent 10"
  "beta-VAE (beta 4)|vae --latent 10 --beta 4"
  "beta-TCVAE (beta 6)|tcvae --latent 10 --beta 6"
  "AE|ae --latent 10"
  "DAE|dae --latent 10"
  "contrastive|contrastive --latent 10"
)
for entry in "${models[@]}"; do
  name=${entry%%|*}; flags=${entry#*|}; tag=$(echo "$name" | tr -cd 'A-Za-z0-9-')
  for seed in $(seq 1 "$seeds"); do
    train="replearn train $flags --data shapes --epochs $epochs --seed $seed --out $tag-$seed.safetensors"
    eval="replearn eval $tag-$seed.safetensors --data shapes --seed $seed"
    echo "== $name, seed $seed" >&2
    (cd "$work" && replearn train $flags --data shapes --epochs "$epochs" --seed "$seed" --out "$tag-$seed.safetensors" --force >/dev/null)
    (cd "$work" && COLUMNS=200 replearn eval "$tag-$seed.safetensors" --data shapes --seed "$seed" > "$tag-$seed.eval.txt")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$seed" "$work/$tag-$seed.eval.txt" "$train" "$eval" >> "$work/runs.tsv"
  done
done

python3 - "$work/runs.tsv" "$out" "$epochs" "$seeds" <<'PY'
import re, statistics, sys
runs_path, out, epochs, seeds = sys.argv[1:]

def parse(path):
    """Figure -> value of a Spectre table; a line with an empty figure or value cell continues the row above."""
    rows = []
    for line in open(path, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if len(cells) != 2 or cells == ["figure", "value"]: continue
        fig, val = cells
        if rows and (not fig or not val):
            rows[-1][0] = (rows[-1][0] + " " + fig).strip(); rows[-1][1] = (rows[-1][1] + " " + val).strip()
        else:
            rows.append([fig, val])
    return {f: v for f, v in rows}

def number(v):
    m = re.match(r"-?[0-9.]+", v.replace(" ", ""))
    return float(m.group(0)) if m else None

runs = {}
for line in open(runs_path, encoding="utf-8"):
    name, seed, path, train, ev = line.rstrip("\n").split("\t")
    runs.setdefault(name, []).append((int(seed), parse(path), train, ev))

metrics = [("MIG", "MIG (factors, training data)"), ("SAP", "SAP (factors, training data)"),
           ("DCI D", "DCI disentanglement (factors, training data)"), ("DCI C", "DCI completeness (factors, training data)"),
           ("DCI I", "DCI informativeness (factors, training data)"), ("modularity", "modularity (factors, training data)"),
           ("explicitness", "explicitness (factors, training data)"), ("BetaVAE", "BetaVAE score (sampled shapes)"),
           ("FactorVAE", "FactorVAE score (sampled shapes)")]
factors = ["shape", "scale", "orientation", "posX", "posY"]
probes = [(f, f"linear-probe accuracy, factor {f} (training data, last 20% held out)") for f in factors]

def cell(name, figure, percent=False):
    values = [number(r[1].get(figure, "")) for r in runs[name]]
    values = [v for v in values if v is not None]
    if not values: return "n/a"
    mean = statistics.mean(values); spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.1f} ± {spread:.1f}" if percent else f"{mean:.3f} ± {spread:.3f}"

lines = [
    "# Representations on generated shapes",
    "",
    f"Written by `bash bench/representations.sh {epochs} {seeds}`: each model trained for {epochs} epochs on `--data shapes`",
    "(8000 training and 2000 test images of the dSprites-like generator, five factors: shape 3, scale 6, orientation 8,",
    f"posX 8, posY 8 values), codes of width 10, seeds 1 to {seeds}; every figure is the mean ± the sample standard deviation",
    "over the seeds. The code metrics (MIG, SAP, DCI with lasso importances, modularity, explicitness) are computed on the",
    "training images' codes (80/20 split inside), BetaVAE and FactorVAE on freshly sampled shapes (batches of 64, 500",
    "training and 500 evaluation points, 2000 images for the variances; disentanglement_lib uses 10000 and 5000), the",
    "per-factor probes on the training codes (first 80% fitted, last 20% scored). Chance: BetaVAE and FactorVAE 0.2,",
    "explicitness 0.5, probes 1/values (33.3, 16.7, 12.5, 12.5, 12.5 %).",
    "",
    "## Disentanglement metrics",
    "",
    "| model | " + " | ".join(m for m, _ in metrics) + " |",
    "|---|" + "---|" * len(metrics),
]
for name in runs:
    lines.append(f"| {name} | " + " | ".join(cell(name, f) for _, f in metrics) + " |")
lines += ["", "## Linear probe accuracy per factor (%)", "",
          "| model | " + " | ".join(f for f, _ in probes) + " | test loss |", "|---|" + "---|" * (len(probes) + 1)]
for name in runs:
    loss = next((f for f in runs[name][0][1] if f.startswith("negative ELBO") or f.startswith("loss")), "")
    lines.append(f"| {name} | " + " | ".join(cell(name, f, True) for _, f in probes) + f" | {cell(name, loss)} |")
lines += ["", "## Commands", "", "Seed s = 1 .. " + seeds + "; `replearn` is `dotnet run --project src/RepLearn.Cli -c Release --`.", ""]
for name in runs:
    _, _, train, ev = runs[name][0]
    lines.append(f"- {name}: `{train.replace('--seed 1', '--seed s').replace('-1.safetensors', '-s.safetensors')}` then "
                 f"`{ev.replace('--seed 1', '--seed s').replace('-1.safetensors', '-s.safetensors')}`")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print(f"wrote {out}")
PY
