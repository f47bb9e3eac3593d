#!/usr/bin/env bash
# Builds the libFuzzer targets into build-fuzz/ with clang and runs each for SECONDS (default 20)
# on a working copy of its seed corpus. Exits non-zero when a target crashes, leaks, times out or
# trips a sanitizer; the reproducer is left in build-fuzz/artifacts/. See tests/fuzz/README.md.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     TARGET: preset hf_config npy cli_options
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(preset hf_config npy cli_options)
build="${ROPELAB_FUZZ_BUILD_DIR:-build-fuzz}"

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DROPELAB_FUZZ=ON -DROPELAB_BUILD_GUI=OFF -DROPELAB_BUILD_BENCHMARKS=OFF >/dev/null
nice cmake --build "$build" --target fuzzers --parallel 2 >/dev/null

declare -A dict=([preset]=json [hf_config]=json [npy]=npy [cli_options]=cli)
mkdir -p "$build/artifacts"
status=0
for name in "${targets[@]}"; do
  work="$build/corpus/$name"
  mkdir -p "$work"
  log="$build/fuzz-$name.log"
  # New inputs go to the working copy (first folder); the committed seeds are only read.
  if nice "$build/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -dict="tests/fuzz/dict/${dict[$name]}.dict" \
    -artifact_prefix="$build/artifacts/$name-" -print_final_stats=1 \
    "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    units=$(find "$work" -type f | wc -l)
    echo "fuzz $name: ok, ${execs:-?} executions in ${seconds}s, working corpus $units inputs"
  else
    echo "fuzz $name: FAILED (log $log, reproducer in $build/artifacts/)" >&2
    grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" | head -20 >&2 || true
    status=1
  fi
done
exit $status
