#!/usr/bin/env bash
# clang-tidy over the project's own C++ (core/ and app/cli/) with every warning an error, using
# the compile database of build/ (scripts/build.sh makes it). Checks: .clang-tidy.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || scripts/build.sh
mapfile -t files < <(find core/src app/cli -name '*.cpp' | sort)
# run-clang-tidy takes regular expressions: anchor each file name.
patterns=()
for f in "${files[@]}"; do patterns+=("$PWD/${f//./\\.}\$"); done
log=build/clang-tidy.log
if ! nice run-clang-tidy -p build -j 2 -quiet -warnings-as-errors='*' "${patterns[@]}" >"$log" 2>&1; then
  grep -E "(warning|error): " "$log" | sort -u >&2 || tail -40 "$log" >&2
  echo "clang-tidy: FAILED (full log $log)" >&2
  exit 1
fi
echo "clang-tidy: ${#files[@]} files clean"
