#!/usr/bin/env bash
# Builds core, the CLI and the tests into build-asan/ under AddressSanitizer +
# UndefinedBehaviorSanitizer (LeakSanitizer on, the ASan default on Linux) and runs the suite.
# The GUI and its tests are left out (-DROPELAB_BUILD_GUI=OFF): Qt and Mesa report leaks and
# uninitialised reads of their own that would drown ours. Benchmarks are left out too (timing only).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROPELAB_SANITIZE=ON \
  -DROPELAB_BUILD_GUI=OFF -DROPELAB_BUILD_BENCHMARKS=OFF >/dev/null
nice cmake --build "$build" --parallel 2
# halt_on_error/abort: the first report fails the test. Suppressions: tests/sanitizers/lsan.supp.
export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
nice ctest --test-dir "$build" --output-on-failure --parallel 2 --timeout 900
