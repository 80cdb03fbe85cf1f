#!/usr/bin/env bash
# Builds the button firmware's host tests (core logic + libmosquitto shim) with
# -Wall -Wextra -Werror and AddressSanitizer/UBSan/LeakSanitizer, then runs
# them with ctest. Installs nothing: the Debian packages it needs are listed in
# host-deps.txt. Exit status is non-zero on any build or test failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/build-host"
jobs="$(nproc 2>/dev/null || echo 2)"

mkdir -p "$build"
cmake -S "$here/host" -B "$build" -DCMAKE_BUILD_TYPE=Debug >"$build/configure.log" 2>&1 || {
    cat "$build/configure.log"
    echo "host-test: cmake configure failed (are the packages in host-deps.txt installed?)" >&2
    exit 1
}
cmake --build "$build" --parallel "$jobs"

# Sanitizer findings fail the test that triggers them (halt_on_error / exit codes).
cd "$build"
ctest --output-on-failure --timeout 90 --parallel "$jobs"
