// The matrix views S^(j) of a point X ∈ R^{dm} (spec §2.3) in exact rationals, with the exact linear algebra the
// realisability arguments use: inertia from the characteristic polynomial, and kernels by reduced row echelon form.
#pragma once

#include <array>
#include <vector>

#include "constructions/ding2025/markov_lsa.hpp"
#include "oracles/charpoly.hpp"

namespace icl::ding2025 {

// S_kk = X[(j−1)m + ρ(k,k)], S_kl = X[(j−1)m + ρ(k,l)]/2.
inline Mat<Rational> matrix_view(const Vec<Rational>& X, Index d, Index j) {
  const Index m = ding::pair_count(d);
  Mat<Rational> S(d + 1, d + 1);
  for (Index k = 1; k <= d + 1; ++k)
    for (Index l = k; l <= d + 1; ++l) {
      const Rational x = X((j - 1) * m + ding::pair_index(k, l, d) - 1);
      S(k - 1, l - 1) = S(l - 1, k - 1) = k == l ? x : x / Rational(2);
    }
  return S;
}

// (positive, negative, zero) eigenvalue counts of a symmetric matrix: its characteristic polynomial has only real
// roots, so Descartes' rule of signs counts them exactly.
inline std::array<int, 3> inertia(const std::vector<Rational>& charpoly) {
  auto variations = [&](bool negate_t) {
    int v = 0, last = 0;
    for (size_t k = 0; k < charpoly.size(); ++k) {
      const int s = charpoly[k].sign() * (negate_t && k % 2 ? -1 : 1);
      if (s == 0) continue;
      if (last != 0 && s != last) ++v;
      last = s;
    }
    return v;
  };
  int zero = 0;
  while (zero < int(charpoly.size()) && charpoly[size_t(zero)] == 0) ++zero;
  return {variations(false), variations(true), zero};
}
inline std::array<int, 3> inertia(const Mat<Rational>& S) { return inertia(oracle::charpoly(S)); }

// A basis of {x : Mx = 0}, as columns, by reduced row echelon form over Q.
inline Mat<Rational> kernel(Mat<Rational> M) {
  const Index rows = M.rows(), cols = M.cols();
  std::vector<Index> pivot_col;
  for (Index c = 0, r = 0; c < cols && r < rows; ++c) {
    Index p = r;
    while (p < rows && M(p, c) == 0) ++p;
    if (p == rows) continue;
    M.row(r).swap(M.row(p));
    const Rational pivot = M(r, c);
    M.row(r) /= pivot;
    for (Index i = 0; i < rows; ++i)
      if (i != r && M(i, c) != 0) {
        const Rational f = M(i, c);
        M.row(i) -= f * M.row(r);
      }
    pivot_col.push_back(c);
    ++r;
  }
  std::vector<bool> is_pivot(size_t(cols), false);
  for (Index c : pivot_col) is_pivot[size_t(c)] = true;
  Mat<Rational> K = Mat<Rational>::Zero(cols, cols - Index(pivot_col.size()));
  for (Index c = 0, k = 0; c < cols; ++c) {
    if (is_pivot[size_t(c)]) continue;
    K(c, k) = 1;
    for (size_t r = 0; r < pivot_col.size(); ++r) K(pivot_col[r], k) = -M(Index(r), c);
    ++k;
  }
  return K;
}

}  // namespace icl::ding2025
