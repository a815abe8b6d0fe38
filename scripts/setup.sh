#!/bin/sh
# Installs the Debian 12 packages the suite needs (as root) and builds it in Release into ./build.
#   scripts/setup.sh [TARGET]   (default: all — the CLI, the test binary and what ctest runs; the report needs only iclcheck)
set -eu
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  build-essential clang cmake pkg-config \
  libeigen3-dev libboost-dev libgmp-dev libmpfr-dev libflint-dev libflint-arb-dev libcgal-dev \
  librapidcheck-dev doctest-dev libbenchmark-dev \
  libcli11-dev nlohmann-json3-dev libfmt-dev >/dev/null
# clang++ builds the suite in 2/3 of g++'s compiler time (README, "Build time"); the code compiles with both.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build -j "$(nproc)" ${1:+--target "$1"}
