#!/usr/bin/env bash
# clang-tidy over the project's own C++ (core/, app/cli/, app/gui/ and views/) with every warning an
# error, using
# the compile database of build/ (scripts/build.sh makes it). Checks: .clang-tidy. Two files at a
# time (xargs -P 2): run-clang-tidy 14 has no --warnings-as-errors.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || scripts/build.sh
mapfile -t files < <(find core/src app/cli app/gui views -name '*.cpp' | sort)
log=build/clang-tidy.log
if ! printf '%s\0' "${files[@]}" |
  nice xargs -0 -n 1 -P 2 clang-tidy -p build --quiet --warnings-as-errors='*' \
    --extra-arg=-Wno-unknown-warning-option >"$log" 2>&1; then
  grep -E "(warning|error): " "$log" | sort -u >&2 || tail -40 "$log" >&2
  echo "clang-tidy: FAILED (full log $log)" >&2
  exit 1
fi
echo "clang-tidy: ${#files[@]} files clean"
