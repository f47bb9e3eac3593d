#!/usr/bin/env bash
# Side by side, in one run on one machine: ropelab-cli's rope_tables against a vectorised PyTorch
# implementation of the same computation (tests/bench/torch_rope_tables.py), both with the same
# thread count. Needs Debian's python3-torch (apt-get install python3-torch); prints the speed-up.
# usage: tests/bench/compare_torch.sh [build-dir] [threads] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
threads=${2:-$(nproc)}
rounds=${3:-5}
scene=(--text-before 64 --frames 512 --height 16 --width 16 --text-after 64 --head-dim 128 --base 1000000 --delta 2)
best_ours=1e9
best_torch=1e9
# Interleave the two so both see the same machine load; keep each side's best median.
for _ in $(seq "$rounds"); do
  ours=$(OMP_NUM_THREADS=$threads "$build/app/cli/ropelab-cli" bench "${scene[@]}" --runs 11 |
    /usr/bin/python3 -c 'import json,sys; print([r["median_ms"] for r in json.load(sys.stdin)["results"] if r["name"]=="rope_tables"][0])')
  torch=$(OMP_NUM_THREADS=$threads /usr/bin/python3 -c "import torch, runpy, sys; torch.set_num_threads($threads); sys.argv=['t', '11']; runpy.run_path('tests/bench/torch_rope_tables.py', run_name='__main__')" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["median_ms"])')
  best_ours=$(/usr/bin/python3 -c "print(min($best_ours, $ours))")
  best_torch=$(/usr/bin/python3 -c "print(min($best_torch, $torch))")
done
/usr/bin/python3 -c "print(f'rope_tables, 131,200 tokens, D=128, {$threads} threads: ropelab {$best_ours:.2f} ms, PyTorch {$best_torch:.2f} ms, speed-up {$best_torch/$best_ours:.1f}x')"
