#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (GUI tests under Xvfb), then the
# hardening stages: the suite again under ASan + UBSan + LSan (scripts/sanitize.sh), every
# libFuzzer target for ROPELAB_FUZZ_SECONDS (default 20) each (tests/fuzz/run.sh), the formatting
# check (scripts/format.sh: clang-format --dry-run --Werror) and clang-tidy with warnings as errors
# (scripts/tidy.sh). The build treats warnings in our targets as errors (-DROPELAB_WERROR=ON).
# Exits non-zero on any failure.
#   scripts/test.sh            everything (what CI runs)
#   scripts/test.sh --quick    the normal suite only
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
stage() {
  local name=$1 start=$SECONDS
  shift
  echo "== $name"
  "$@"
  echo "== $name: $((SECONDS - start)) s"
}
scripts/install-deps.sh
stage build scripts/build.sh -DROPELAB_WERROR=ON
# Every VTK render needs an X server: run the suite inside a private Xvfb (24-bit screen).
stage tests xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
  ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 900
((quick)) && exit 0
stage clang-format scripts/format.sh
stage sanitizers scripts/sanitize.sh
stage fuzz tests/fuzz/run.sh "${ROPELAB_FUZZ_SECONDS:-20}"
stage clang-tidy scripts/tidy.sh
