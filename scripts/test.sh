#!/bin/sh
# Install, build, run the test suite (every claim, the broken variants, the unit and CLI tests).
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
cd build
exec ctest --output-on-failure -j "$(nproc)"
