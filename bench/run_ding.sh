#!/bin/sh
# Exact-moment cost of the Ding oracle O2 against d = 1 … 6 (RK: polynomials in p; FK: one kernel), n = 10.
set -eu
cd "$(dirname "$0")/.."
cmake --build build -j2 --target icl_bench >/dev/null
exec ./build/icl_bench --benchmark_filter=Ding "$@"
