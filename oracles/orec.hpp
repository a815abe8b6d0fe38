// O6 (ding2025 §4): O-REC, the candidate procedure for C.9 — given X ∈ R^{dm}, find (b, A) with φ(b, A) = X or
// report that none exists. Works on the matrix views S^(j) (S_kk = X[(j−1)m + ρ(k,k)], S_kl = X[(j−1)m + ρ(k,l)]/2):
// eigen-decompose the S^(j0) of largest norm; rank 1, S = λwwᵀ: b ∝ w; rank 2 with eigenvalues l1 > 0 > −l2:
// b ∝ √l1·u ± √l2·v; otherwise no preimage. For each candidate b, a_j = 2S^(j)b/|b|² − b(bᵀS^(j)b)/|b|⁴, accepted
// iff sym(b a_jᵀ) = S^(j) for every j. In MPFR at the caller's precision: an eigenvalue counts as zero, and a
// residual as zero, below 2^(−bits/2) times the scale of S (resp. X).
#pragma once

#include <string>

#include "core/scalar.hpp"

namespace icl::markov {

struct Recovery {
  bool recovered = false;
  Vec<Mpfr> b;
  Mat<Mpfr> A;            // (d + 1) × d
  double residual = 0;    // max |sym(b a_jᵀ) − S^(j)| / max |X| of the accepted candidate (or the best rejected one)
  std::string reason;     // why X was rejected
};

// `plus_only` (a broken variant): only the candidate √l1·u + √l2·v in the rank-2 case.
Recovery o_rec(const Vec<Mpfr>& X, Index d, bool plus_only = false);

}  // namespace icl::markov
