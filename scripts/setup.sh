#!/bin/sh
# Installs the Debian 12 packages the suite needs (as root) and builds it in Release into ./build.
set -eu
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config \
  libeigen3-dev libboost-dev libgmp-dev libmpfr-dev libflint-dev libflint-arb-dev libcgal-dev \
  librapidcheck-dev doctest-dev libbenchmark-dev \
  libcli11-dev nlohmann-json3-dev libfmt-dev >/dev/null
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
