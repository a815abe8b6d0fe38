#!/bin/sh
# Side by side, in one run: the Python fractions peer (../shared/peers/lsa_gd_fractions.py) and the suite's exact
# LSA ≡ GD check (bench/lsa_gd_vs_peer, both product paths) on the same draws, at the six sizes of issue 9, then the
# von Oswald demo (d = 12, d_y = 8, N = 45, K = 100) exact and in MPFR at 128–1024 bits. Prints cases/s for each and the ratio suite/peer.
#   bench/run_exact.sh [BUILD_DIR] [PEER_DIR]
# The machine is shared: compare the ratios, not the absolute times. REPEAT=N takes the best of N runs per side.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
peers=${2:-$here/../../shared/peers}
bin=$build/lsa_gd_vs_peer
cmake --build "$build" --target lsa_gd_vs_peer >/dev/null || { echo "error: cannot build lsa_gd_vs_peer in $build" >&2; exit 2; }
[ -f "$peers/lsa_gd_fractions.py" ] || { echo "error: no lsa_gd_fractions.py in $peers" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rate() { sed -n 's/.*cases_per_s=\([0-9.]*\).*/\1/p'; }
# The best of $REPEAT runs (default 3) for each side: on a shared machine the slowest runs measure the neighbours.
REPEAT=${REPEAT:-3}
best() {
  i=0 all=""
  while [ "$i" -lt "$REPEAT" ]; do
    out=$("$@") || { echo "error: $* failed or found a mismatch" >&2; return 1; }
    all="$all $(echo "$out" | rate)" i=$((i + 1))
  done
  printf '%s\n' $all | sort -g | tail -n 1
}
printf '%-14s %12s %14s %9s %18s %9s\n' "d N K" "peer c/s" "suite c/s" "ratio" "per-entry c/s" "ratio"
# d N K peer-cases suite-cases (the suite's first peer-cases draws are the peer's own)
while read -r d N K pc sc; do
  peer=$(cd "$peers" && best python3 lsa_gd_fractions.py "$d" "$N" "$pc" "$K")
  python3 "$here/peer_draws.py" "$peers" "$d" "$N" "$sc" "$K" "$tmp/draws"
  flint=$(best "$bin" "$tmp/draws" flint)
  entry=$(best "$bin" "$tmp/draws" per-entry)
  awk -v k="$d $N $K" -v p="$peer" -v f="$flint" -v e="$entry" \
    'BEGIN { printf "%-14s %12.2f %14.1f %8.0fx %18.1f %8.0fx\n", k, p, f, f / p, e, e / p }'
done <<SIZES
10 10 1 60 2000
12 45 1 6 400
20 50 1 3 200
10 10 8 6 400
12 45 8 2 100
20 50 8 1 60
SIZES
"$bin" --demo flint
"$bin" --demo per-entry
for bits in 128 256 512 1024; do "$bin" --demo-mpfr "$bits"; done
