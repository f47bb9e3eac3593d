#!/usr/bin/env bash
# Side by side, in one run on one machine, like for like: ropelab-cli bench's rope_tables (buffers
# reused between runs) against the PyTorch baseline writing into preallocated tensors (out=), and
# rope_tables_fresh (buffers allocated every run) against the PyTorch baseline returning fresh
# tensors (tests/bench/torch_rope_tables.py), both with the same thread count. Needs Debian's
# python3-torch (apt-get install python3-torch); prints the medians and both ratios.
# usage: tests/bench/compare_torch.sh [build-dir] [threads] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
threads=${2:-$(nproc)}
rounds=${3:-5}
scene=(--text-before 64 --frames 512 --height 16 --width 16 --text-after 64 --head-dim 128 --base 1000000 --delta 2)
reused=1e9 fresh=1e9 torch_pre=1e9 torch_fresh=1e9
min() { /usr/bin/python3 -c "print(min($1, $2))"; }
# Interleave the two so both see the same machine load; keep each side's best median.
for _ in $(seq "$rounds"); do
  read -r ours_reused ours_fresh < <(OMP_NUM_THREADS=$threads "$build/app/cli/ropelab-cli" bench \
    "${scene[@]}" --runs 11 | /usr/bin/python3 -c 'import json,sys
r = {x["name"]: x["median_ms"] for x in json.load(sys.stdin)["results"]}
print(r["rope_tables"], r["rope_tables_fresh"])')
  read -r t_fresh t_pre < <(OMP_NUM_THREADS=$threads /usr/bin/python3 -c "import torch, runpy, sys; torch.set_num_threads($threads); sys.argv=['t', '11']; runpy.run_path('tests/bench/torch_rope_tables.py', run_name='__main__')" |
    /usr/bin/python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["median_ms"], d["preallocated_median_ms"])')
  reused=$(min "$reused" "$ours_reused")
  fresh=$(min "$fresh" "$ours_fresh")
  torch_pre=$(min "$torch_pre" "$t_pre")
  torch_fresh=$(min "$torch_fresh" "$t_fresh")
done
/usr/bin/python3 -c "
print(f'rope_tables, 131,200 tokens, D=128, {$threads} threads, best median of $rounds rounds:')
print(f'  reused buffers: ropelab {$reused:.2f} ms, PyTorch out= {$torch_pre:.2f} ms, ratio {$torch_pre/$reused:.1f}x')
print(f'  fresh buffers:  ropelab {$fresh:.2f} ms, PyTorch {$torch_fresh:.2f} ms, ratio {$torch_fresh/$fresh:.1f}x')"
