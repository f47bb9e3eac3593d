#!/usr/bin/env bash
# clang-format over the project's own C++ (core/, app/, views/, tests/) with the repository's
# .clang-format. Default: check only (clang-format --dry-run --Werror), exit 1 naming every file
# that is not formatted. --fix rewrites them in place.
#   scripts/format.sh          check (what CI runs)
#   scripts/format.sh --fix    format
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find core app views tests \( -name '*.cpp' -o -name '*.h' \) \
  -not -path 'tests/fuzz/corpus/*' | sort)
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  echo "clang-format: ${#files[@]} files formatted"
  exit 0
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! clang-format --dry-run --Werror "${files[@]}" 2>"$log"; then
  head -60 "$log" >&2
  grep -oE "^[^:]+\.(cpp|h)" "$log" | sort -u | sed 's/^/not formatted: /' >&2
  echo "clang-format: FAILED (scripts/format.sh --fix formats them)" >&2
  exit 1
fi
echo "clang-format: ${#files[@]} files clean"
