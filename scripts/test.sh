#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (GUI tests under Xvfb).
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# Every VTK render needs an X server: run the suite inside a private Xvfb (24-bit screen).
xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
  ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 900
