// The matrix views S^(j) of a point X ∈ R^{dm} (spec §2.3) in exact rationals, with the exact linear algebra the
// realisability arguments use: inertia from the characteristic polynomial, and kernels by reduced row echelon form.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "constructions/ding2025/markov_lsa.hpp"
#include "core/random.hpp"
#include "oracles/charpoly.hpp"

namespace icl::ding2025 {

// Drawn instances for C.9 (MK13, MK23): entries k/q with k ∈ {−6 … 6}, q ∈ {1 … 4}.
inline Rational small_rational(Rng& rng) { return random_fraction(rng, -6, 6, 1, 4); }
inline std::pair<Vec<Rational>, Mat<Rational>> small_weights(Rng& rng, Index d) {
  Vec<Rational> b(d + 1);
  Mat<Rational> A(d + 1, d);
  for (Index i = 0; i < b.size(); ++i) b(i) = small_rational(rng);
  for (Index i = 0; i < A.size(); ++i) A(i) = small_rational(rng);
  return {b, A};
}

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

// C.9 decided exactly, independently of O-REC's eigen-decomposition: d = 1: disc(X) ≥ 0 (MK06); d ≥ 2: each
// nonzero S^(j) of an image point has rank ≤ 2, indefinite when 2, and b lies in every range(S^(j)); when the ranges
// meet in one line cℚ, b ∝ c and a_j = 2S^(j)c/|c|² − c(cᵀS^(j)c)/|c|⁴ is forced, so X is realisable iff
// sym(c a_jᵀ) = S^(j) for every j. Ranges meeting in a plane or more: undecided (nullopt).
inline std::optional<bool> c9_decision(const Vec<Rational>& X, Index d) {
  if (d == 1) return X(1) * X(1) - Rational(4) * X(0) * X(2) >= 0;
  std::vector<Mat<Rational>> S;
  std::vector<Mat<Rational>> null_rows;
  for (Index j = 1; j <= d; ++j) {
    S.push_back(matrix_view(X, d, j));
    if (S.back().isZero()) continue;
    const auto [pos, neg, zero] = inertia(S.back());
    if (pos + neg > 2 || (pos + neg == 2 && (pos != 1 || neg != 1))) return false;
    null_rows.push_back(kernel(S.back()).transpose());  // range(S) = kernel(S)^⊥ for symmetric S
  }
  if (null_rows.empty()) return true;  // X = 0
  Index total = 0;
  for (const auto& N : null_rows) total += N.rows();
  Mat<Rational> stacked(total, d + 1);
  Index row = 0;
  for (const auto& N : null_rows) {
    stacked.middleRows(row, N.rows()) = N;
    row += N.rows();
  }
  const Mat<Rational> meet = total ? kernel(stacked) : Mat<Rational>::Identity(d + 1, d + 1);
  if (meet.cols() == 0) return false;
  if (meet.cols() > 1) return std::nullopt;
  const Vec<Rational> c = meet.col(0);
  const Rational cc = c.squaredNorm();
  for (const auto& Sj : S) {
    const Vec<Rational> Sc = Sj * c;
    const Vec<Rational> a = Sc * (Rational(2) / cc) - c * (c.dot(Sc) / (cc * cc));
    const Mat<Rational> sym = (c * a.transpose() + a * c.transpose()) / Rational(2);
    if (sym != Sj) return false;
  }
  return true;
}

}  // namespace icl::ding2025
