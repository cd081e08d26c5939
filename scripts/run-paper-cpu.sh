#!/usr/bin/env bash
# Runs the CPU-budget sweeps one job at a time: the FPARec paper's comparison first
# (sweeps/cpu-table3.yaml, recorded in results/paper/), the paper's ablations (cpu-table4-ablation.yaml,
# cpu-table5-k.yaml, cpu-table6-blocks.yaml), the check of Table 4's fixed patterns
# (cpu-table4-padding-check.yaml), positional kernel attention and the encodings on Beauty
# (sweeps/pka.yaml, pe-study-beauty.yaml, recorded in results/positional/), then the check of token
# mixing's shortfall (cpu-token-mixing-check.yaml). Tables come before checks, which only explain
# a cell of a table already reported.
# Within a sweep the jobs run in the file's order (datasets, then models, then the grid, then seeds),
# so the cells of the first datasets complete first. It keeps their record in the repository: every
# minute and when it stops, each sweep's JSON Lines export is rewritten (commit it). One store holds
# them all, so a job two sweeps share is trained once, and the committed records are imported first,
# so no finished job is trained again on a new machine.
# Stop it with Ctrl-C, or with SIGTERM to its process group when it runs in the background (a
# background job ignores SIGINT), and start it again to resume.
#
#   scripts/run-paper-cpu.sh DATASETS_DIR [STORE]      (STORE defaults to results/paper-cpu.db)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:?usage: scripts/run-paper-cpu.sh DATASETS_DIR [STORE]}"
store="${2:-$root/results/paper-cpu.db}"
# sweep name → folder of its record under results/, in the order they run
sweeps=(cpu-table3 cpu-table4-ablation cpu-table5-k cpu-table6-blocks cpu-table4-padding-check pka pe-study-beauty cpu-token-mixing-check)
declare -A record=([cpu-table3]=paper [cpu-table4-ablation]=paper [cpu-table5-k]=paper [cpu-table6-blocks]=paper
                   [cpu-table4-padding-check]=paper [cpu-token-mixing-check]=paper
                   [pka]=positional [pe-study-beauty]=positional)
cd "$root"
record_of() { echo "results/${record[$1]}/$1.jsonl"; }
turn_file="$(mktemp)"
trap 'rm -f "$turn_file"' EXIT
echo 0 > "$turn_file"

# Every committed record enters the store first, so a job one sweep shares with a later one and
# already finished there is not trained again (a result the store already has is kept). The store
# serves the pending jobs of all its active sweeps, oldest first, so the sweeps whose turn has not
# come are held back (cancelled); each one's `sweeps run` reactivates it.
for s in "${sweeps[@]}"; do
  f="$(record_of "$s")"
  [ -f "$f" ] && bin/sweeps import "$f" --store "$store"
done
for s in "${sweeps[@]:1}"; do
  bin/sweeps cancel "$s" --store "$store" >/dev/null 2>&1 || true
done

# Only sweeps whose turn has come are exported: a held-back sweep's committed record stays as it was.
export_started() {
  local turn
  turn="$(cat "$turn_file" 2>/dev/null || echo 0)"
  for s in "${sweeps[@]:0:turn+1}"; do
    mkdir -p "results/${record[$s]}"
    bin/sweeps export "$s" --format jsonl --store "$store" --out "$(record_of "$s")" 2>/dev/null || true
  done
}

# The exports read the store while the run owns it; every minute is enough for jobs of many minutes.
( while sleep 60; do export_started; done ) &
exporter=$!
trap 'kill "$exporter" 2>/dev/null || true; export_started; rm -f "$turn_file"' EXIT

# --replace: the committed sweep file is the truth when it changed since its record was exported
# (a job's id does not depend on the file, so no finished job trains again).
# `sweeps run` stops cleanly on Ctrl-C and exits 0; the script must not go on to the next sweep then.
stopping=""
trap 'stopping=1' INT TERM
for i in "${!sweeps[@]}"; do
  [ -n "$stopping" ] && break
  s="${sweeps[$i]}"
  echo "$i" > "$turn_file"
  bin/sweeps run "sweeps/$s.yaml" --data "$data" --store "$store" --plain --replace || echo "sweep $s ended with exit code $?" >&2
done
