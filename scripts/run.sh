#!/usr/bin/env bash
# Installs what is missing, builds, and opens RoPE Lab on the default scene.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ -x build/app/gui/ropelab ]; then
  if [ -z "${DISPLAY:-}" ]; then
    echo "No DISPLAY: starting RoPE Lab inside a private Xvfb (use a desktop session to see it)."
    exec xvfb-run -a -s "-screen 0 1920x1080x24" build/app/gui/ropelab "$@"
  fi
  exec build/app/gui/ropelab "$@"
fi
exec build/app/cli/ropelab-cli positions "$@"
