#!/bin/sh
# Side by side, in one run: the PyTorch peer (../shared/peers/vonoswald_train_torch.py, float32, CPU) and the suite's
# trainer (bench/vo_train.cpp, double) on the von Oswald 1-layer setup (d = N = 10, batch 2048, AdamW b2 0.98,
# clip 0.001, lr 1e-3). Prints steps/s for each and the ratio suite/peer; without PyTorch (Debian python3-torch) the
# peer is skipped with a message.
#   bench/run_train.sh [BUILD_DIR] [PEER_DIR]      STEPS=300 REPEAT=3 THREADS="1 2"
# The machine is shared: compare the ratios, not the absolute times; each figure is the best of REPEAT runs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
peers=${2:-$here/../../shared/peers}
bin=$build/vo_train_bench
STEPS=${STEPS:-300} REPEAT=${REPEAT:-3} THREADS=${THREADS:-"1 2"}
cmake --build "$build" --target vo_train_bench >/dev/null || { echo "error: cannot build vo_train_bench in $build" >&2; exit 2; }
rate() { sed -n 's/.*steps_per_s=\([0-9.]*\).*/\1/p'; }
best() {
  i=0 all=""
  while [ "$i" -lt "$REPEAT" ]; do
    out=$("$@") || { echo "error: $* failed" >&2; return 1; }
    echo "  $out" >&2
    all="$all $(echo "$out" | rate)" i=$((i + 1))
  done
  printf '%s\n' $all | sort -g | tail -n 1
}
peer=""
if [ -f "$peers/vonoswald_train_torch.py" ] && /usr/bin/python3 -c "import torch" 2>/dev/null; then
  peer=$(best /usr/bin/python3 "$peers/vonoswald_train_torch.py" "$STEPS")
else
  echo "peer skipped: PyTorch is not installed (apt-get install python3-torch) or $peers has no vonoswald_train_torch.py" >&2
fi
printf '%-28s %12s %9s\n' "trainer" "steps/s" "ratio"
[ -n "$peer" ] && printf '%-28s %12.1f %9s\n' "PyTorch float32 (peer)" "$peer" "1x"
for t in $THREADS; do
  suite=$(best "$bin" "$STEPS" "$t")
  if [ -n "$peer" ]; then
    awk -v t="$t" -v s="$suite" -v p="$peer" 'BEGIN { printf "%-28s %12.1f %8.1fx\n", "suite double, " t " thread(s)", s, s / p }'
  else
    printf '%-28s %12.1f %9s\n' "suite double, $t thread(s)" "$suite" "-"
  fi
done
