#!/usr/bin/env python3
"""Writes the instances the fractions peer (lsa_gd_fractions.py) draws, in its order, so the suite can check the
same draws. Usage: peer_draws.py PEER_DIR D N CASES K OUT. The draws come from the peer's own `rnd` and
random.Random(1), in the order of its `check`: X (N + 1 rows of d), W_0 (d), w (d), eta (K)."""
import importlib.util
import os
import random
import sys


def load_peer(peer_dir):
    spec = importlib.util.spec_from_file_location("peer", os.path.join(peer_dir, "lsa_gd_fractions.py"))
    peer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peer)
    return peer


def main():
    peer_dir, d, N, cases, K, out = sys.argv[1], *(int(a) for a in sys.argv[2:6]), sys.argv[6]
    peer = load_peer(peer_dir)
    r = random.Random(1)
    with open(out, "w") as f:
        f.write(f"{d} {N} {K} {cases}\n")
        for _ in range(cases):
            X = [[peer.rnd(r) for _ in range(d)] for _ in range(N + 1)]
            W0 = [peer.rnd(r) for _ in range(d)]
            w = [peer.rnd(r) for _ in range(d)]
            etas = [peer.rnd(r) for _ in range(K)]
            for row in X + [W0, w, etas]:
                f.write(" ".join(f"{x.numerator}/{x.denominator}" for x in row) + "\n")


if __name__ == "__main__":
    main()
