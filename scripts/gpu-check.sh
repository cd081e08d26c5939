#!/usr/bin/env bash
# GPU check, in two steps, for a GPU machine that has CUDA, cmake and PyTorch (with its libtorch)
# but neither .NET nor a network:
#
#   scripts/gpu-check.sh pack [--data DIR]   on a development machine: writes dist/gpu-check/ (the
#                                            published CLI and a compressed .NET runtime, and
#                                            Beauty.txt from DIR when given); under 64 MiB
#   scripts/gpu-check.sh [--out DIR]         on the GPU machine, from the repository root with
#                                            dist/gpu-check/ beside it: builds the shim against
#                                            PyTorch's CUDA libtorch, checks training on cuda:0
#                                            against the CPU, and measures one worker's jobs/hour
#                                            on a short Beauty sweep with 1, 2 and 4 slots on cuda:0
#
# The whole check stays under 8 minutes on an H100/H200; its report goes to stdout and, with
# --out, to DIR/gpu-check.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$root/dist/gpu-check"

pack() {
  local data=""
  [ "${1:-}" = "--data" ] && data="$2"
  rm -rf "$dist" && mkdir -p "$dist"
  dotnet publish "$root/src/Cli/Sweeps.Cli.csproj" -c Release -o "$dist/app" -nologo -v quiet -p:SkipNativeBuild=true
  rm -f "$dist/app/libsweeps_torch.so"
  local dotnet_root
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  tar -C "$dotnet_root" -cJf "$dist/dotnet.tar.xz" dotnet host shared/Microsoft.NETCore.App shared/Microsoft.AspNetCore.App
  tar -C "$dist" -cJf "$dist/app.tar.xz" app && rm -rf "$dist/app"
  [ -n "$data" ] && cp "$data/Beauty.txt" "$dist/"
  du -sh "$dist"
}

check() {
  local out=""
  [ "${1:-}" = "--out" ] && out="$2"
  local work
  work="$(mktemp -d)"
  mkdir -p "$work/dotnet" && tar -C "$work/dotnet" -xJf "$dist/dotnet.tar.xz" && tar -C "$work" -xJf "$dist/app.tar.xz"
  export DOTNET_ROOT="$work/dotnet" PATH="$work/dotnet:$PATH"

  local prefix
  prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
  cmake -S "$root/src/Torch/native" -B "$work/native" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
  cmake --build "$work/native" --parallel "$(nproc)" >/dev/null
  cp "$work/native/libsweeps_torch.so" "$work/app/"
  export LD_LIBRARY_PATH="$prefix/../../lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  local sweeps=(dotnet "$work/app/sweeps.dll")

  {
    echo "# GPU check, $(date -u +%Y-%m-%d)"
    echo
    echo '```'
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
    python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)'
    "${sweeps[@]}" doctor || true
    echo '```'
    echo
    echo "## Training on cuda:0 against the CPU (generated two-steps-back data, FPARec and SASRec, 5 epochs)"
    echo
    "${sweeps[@]}" datasets generate --out "$work/rule.txt" --users 2000 --items 500 >/dev/null
    echo "| model | device | HR@10 | NDCG@10 |"
    echo "|---|---|---|---|"
    for model in fparec sasrec; do
      for device in cpu cuda:0; do
        "${sweeps[@]}" train --dataset "$work/rule.txt" --model "$model" --epochs 5 --eval-every 5 --device "$device" \
          --checkpoints "$work/ckpt-$device" --json > "$work/$model-$device.json"
        python3 - "$model" "$device" "$work/$model-$device.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[3]))
t = r.get("test") or r.get("Test") or {}
t = t.get("values", t.get("Values", t))
print(f"| {sys.argv[1]} | {sys.argv[2]} | {t['hr@10']:.4f} | {t['ndcg@10']:.4f} |")
PY
      done
    done
    if [ -f "$dist/Beauty.txt" ]; then
      echo
      echo "## One worker's jobs/hour on Beauty (FPARec, maxlen 50, 10 epochs a job) by slots on cuda:0"
      echo
      echo "| slots | jobs | wall s | jobs/hour |"
      echo "|---|---|---|---|"
      mkdir -p "$work/data" && cp "$dist/Beauty.txt" "$work/data/"
      for slots in 1 2 4; do
        cat > "$work/gpu-$slots.yaml" <<YAML
name: gpu-throughput-$slots
datasets: [Beauty]
models: [fparec]
seeds: [$(seq -s, 1 $((slots * 2)))]
fixed: {maxlen: 50, k: 20, step_shards: 1}
training: {epochs: 10, eval_every: 10}
device: {kind: cuda, slots: 1}
YAML
        local start end
        start=$(date +%s.%N)
        "${sweeps[@]}" run "$work/gpu-$slots.yaml" --workers "$slots" --store "$work/store-$slots.db" --data "$work/data" --plain >/dev/null
        end=$(date +%s.%N)
        python3 -c "w=$end-$start; n=$((slots * 2)); print(f'| $slots | {n} | {w:.0f} | {n*3600/w:.0f} |')"
      done
    fi
  } | tee "$work/report.md"
  [ -n "$out" ] && mkdir -p "$out" && cp "$work/report.md" "$out/gpu-check.md"
}

case "${1:-check}" in
  pack) shift; pack "$@" ;;
  check) shift; check "$@" ;;
  --out) check "$@" ;;
  *) echo "usage: scripts/gpu-check.sh pack [--data DIR] | scripts/gpu-check.sh [check] [--out DIR]" >&2; exit 2 ;;
esac
