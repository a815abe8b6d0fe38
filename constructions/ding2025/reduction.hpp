// K5 (ding2025 §2.7, §3): a Bennett–Mangasarian bilinear-separability instance (point sets A' ∈ R^{m'×n'},
// B ∈ R^{k'×n'}) written as a system of bilinear forms b^T D^(r) A[:, j(r)] ⋈_r X_r over b ∈ R^{d+1},
// A ∈ R^{(d+1)×d} — the shape of C.10/C.11. The paper's explicit D^(r) (Eqs. 71–102) are not available; the entry
// pattern below is the suite's own, written out so that MK14 and MK23 can audit it.
//
// Layout (1-based): b = (1, w1 (n'), g1, w2 (n'), g2, z1 (k')), so d + 1 = 2n' + k' + 3; A[:, 1] = (1, z2 (k'),
// 0, …); columns 2 … d of A appear in no row. With e_k the unit vectors of R^{d+1} and E_kl = e_k e_lᵀ, every row
// uses column j(r) = 1:
//   r = 1  objective  z1ᵀz2 = Σ_i b_{z1_i} A_{1+i,1}:  D = Σ_i E_{z1_i, 1+i},   ≥ 0 (C.11 minimises it)
//   r = 2  scale      b_1 A_11 = 1:                     D = E_11,               = 1 (fixes the (cb, A/c) freedom)
//   z1_i ≥ 0:  D = E_{z1_i, 1} ≥ 0;   z2_i ≥ 0:  D = E_{1, 1+i} ≥ 0
//   a ∈ A', s = 1, 2:  aᵀw_s − g_s − 1 ≥ 0:          D = Σ_t a_t E_{w_s,t, 1} − E_{g_s, 1} − E_11
//   β ∈ B (row i):    βᵀw1 − g1 + 1 − z1_i ≤ 0:     D = Σ_t β_t E_{w1,t, 1} − E_{g1, 1} + E_11 − E_{z1_i, 1}
//                     βᵀw2 − g2 + 1 − z2_i ≤ 0:     D = Σ_t β_t E_{w2,t, 1} − E_{g2, 1} + E_11 − E_{1, 1+i}
//   all other r ≤ dm: D = 0, X = 0 (0 = 0).
#pragma once

#include "constructions/guard.hpp"

#include <string>
#include <vector>

#include "core/scalar.hpp"

namespace icl::ding {

enum class Cmp { LessEqual, Equal, GreaterEqual };

struct BilinearRow {
  Mat<Rational> D;  // (d + 1) × (d + 1)
  Index column = 1; // j(r), 1-based
  Cmp cmp = Cmp::Equal;
  Rational X;
  std::string what;
};

struct BilinearSystem {
  Index d = 0;
  std::vector<BilinearRow> rows;  // r = 1 … dm in order; row 1 is the objective of C.11
};

BilinearSystem bennett_mangasarian_instance(const Mat<Rational>& A_points, const Mat<Rational>& B_points);

// The value b^T D^(r) A[:, j(r)] of every row at (b, A).
std::vector<Rational> row_values(const BilinearSystem& s, const Vec<Rational>& b, const Mat<Rational>& A);

}  // namespace icl::ding
