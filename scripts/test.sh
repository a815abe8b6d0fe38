#!/bin/sh
# Install, build, run the test suite (every claim, the broken variants, the unit and CLI tests).
# ctest's JUnit XML goes to build/junit.xml (for CI test reports).
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
cd build
exec ctest --output-on-failure --output-junit junit.xml -j "$(nproc)"
