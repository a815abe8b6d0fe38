// Three exact decisions of Bennett–Mangasarian bilinear separability for tiny point sets (ding2025 MK14, MK23),
// each a finite enumeration of exact LPs (O7):
//   geometric   some split B = B1 ∪ B2 has conv(A') ∩ conv(B_s) = ∅ for s = 1, 2 (finite sets: strict separation)
//   B&M system  min z1ᵀz2 = 0 over the system (13): some choice z_{σ(i), i} = 0 per B point leaves it feasible
//   K5          the same question asked of the bilinear-form instance built by K5, read only through its D^(r)
#pragma once

#include <optional>
#include <string>

#include "constructions/ding2025/reduction.hpp"
#include "oracles/exact_lp.hpp"

namespace icl::ding2025 {

using oracle::LinearSystem;
using oracle::Relation;

struct RowBuilder {
  Index vars;
  std::vector<Vec<Rational>> a;
  std::vector<Rational> b;
  std::vector<Relation> rel;
  void add(Vec<Rational> coeffs, Relation r, Rational rhs) {
    a.push_back(std::move(coeffs));
    rel.push_back(r);
    b.push_back(std::move(rhs));
  }
  Vec<Rational> zero() const { return Vec<Rational>::Zero(vars); }
  LinearSystem system() const {
    LinearSystem s{Mat<Rational>(Index(a.size()), vars), Vec<Rational>(Index(b.size())), rel};
    for (size_t i = 0; i < a.size(); ++i) {
      s.A.row(Index(i)) = a[i].transpose();
      s.b(Index(i)) = b[i];
    }
    return s;
  }
};

// conv of the rows of P meets conv of the rows of Q.
inline bool hulls_meet(const Mat<Rational>& P, const Mat<Rational>& Q) {
  if (P.rows() == 0 || Q.rows() == 0) return false;
  const Index n = P.cols(), vars = P.rows() + Q.rows();
  RowBuilder r{vars, {}, {}, {}};
  for (Index t = 0; t < n; ++t) {  // Σ λ_i p_i − Σ μ_j q_j = 0
    Vec<Rational> c = r.zero();
    for (Index i = 0; i < P.rows(); ++i) c(i) = P(i, t);
    for (Index j = 0; j < Q.rows(); ++j) c(P.rows() + j) = -Q(j, t);
    r.add(c, Relation::Equal, 0);
  }
  Vec<Rational> sl = r.zero(), sm = r.zero();
  sl.head(P.rows()).setConstant(Rational(1));
  sm.tail(Q.rows()).setConstant(Rational(1));
  r.add(sl, Relation::Equal, 1);
  r.add(sm, Relation::Equal, 1);
  for (Index i = 0; i < vars; ++i) {
    Vec<Rational> e = r.zero();
    e(i) = 1;
    r.add(e, Relation::GreaterEqual, 0);
  }
  return oracle::lp_feasible(r.system()).feasible;
}

inline bool separable_geometric(const Mat<Rational>& Ap, const Mat<Rational>& B) {
  const Index k = B.rows();
  for (unsigned long split = 0; split < (1ul << k); ++split) {
    std::vector<Index> s1, s2;
    for (Index i = 0; i < k; ++i) ((split >> i) & 1 ? s2 : s1).push_back(i);
    if (!hulls_meet(Ap, B(s1, Eigen::all)) && !hulls_meet(Ap, B(s2, Eigen::all))) return true;
  }
  return false;
}

// System (13): variables (w1, g1, w2, g2, z1, z2).
inline bool separable_bm_system(const Mat<Rational>& Ap, const Mat<Rational>& B) {
  const Index n = Ap.cols(), k = B.rows(), vars = 2 * n + 2 + 2 * k;
  auto w = [&](int s, Index t) { return (s - 1) * (n + 1) + t; };
  auto g = [&](int s) { return (s - 1) * (n + 1) + n; };
  auto z = [&](int s, Index i) { return 2 * n + 2 + (s - 1) * k + i; };
  for (unsigned long sigma = 0; sigma < (1ul << k); ++sigma) {
    RowBuilder r{vars, {}, {}, {}};
    for (int s : {1, 2}) {
      for (Index a = 0; a < Ap.rows(); ++a) {  // −A'w_s + (g_s + 1)e ≤ 0
        Vec<Rational> c = r.zero();
        for (Index t = 0; t < n; ++t) c(w(s, t)) = -Ap(a, t);
        c(g(s)) = 1;
        r.add(c, Relation::LessEqual, -1);
      }
      for (Index i = 0; i < k; ++i) {  // Bw_s − (g_s − 1)e ≤ z_s
        Vec<Rational> c = r.zero();
        for (Index t = 0; t < n; ++t) c(w(s, t)) = B(i, t);
        c(g(s)) = -1;
        c(z(s, i)) = -1;
        r.add(c, Relation::LessEqual, -1);
        Vec<Rational> nonneg = r.zero();
        nonneg(z(s, i)) = 1;
        r.add(nonneg, Relation::GreaterEqual, 0);
      }
    }
    for (Index i = 0; i < k; ++i) {  // z1_i z2_i = 0 through the chosen factor
      Vec<Rational> c = r.zero();
      c(z((sigma >> i) & 1 ? 2 : 1, i)) = 1;
      r.add(c, Relation::Equal, 0);
    }
    if (oracle::lp_feasible(r.system()).feasible) return true;
  }
  return false;
}

// The K5 instance's question, read through its rows only: with b_1 = A_11 = 1 (the scale row b_1A_11 = 1 and the
// (cb, A/c) invariance), every row but the objective is linear in the remaining entries of b and A[:, 1]; the
// objective Σ D_kl b_k A_l1 has only bilinear terms with D_kl > 0 and both factors constrained ≥ 0 by rows of the
// system, so it attains 0 iff for some choice of a zero factor per term the rows are feasible. Returns the
// witness (b, A) when it does.
struct K5Decision {
  bool zero_optimum = false;
  Vec<Rational> b;
  Mat<Rational> A;
};
inline K5Decision decide_k5(const ding::BilinearSystem& s) {
  const Index size = s.d + 1, vars = 2 * (size - 1);  // b_2…b_{d+1}, A_21…A_{d+1,1}
  auto bvar = [&](Index k) { return k - 1; };
  auto avar = [&](Index l) { return size - 1 + l - 1; };
  RowBuilder base{vars, {}, {}, {}};
  auto rel = [](ding::Cmp c) {
    return c == ding::Cmp::LessEqual ? Relation::LessEqual : c == ding::Cmp::Equal ? Relation::Equal : Relation::GreaterEqual;
  };
  const auto& obj = s.rows.front();
  std::vector<std::pair<Index, Index>> terms;
  for (Index k = 0; k < size; ++k)
    for (Index l = 0; l < size; ++l)
      if (obj.D(k, l) != 0) {
        if (k == 0 || l == 0 || obj.D(k, l) < 0 || obj.column != 1)
          throw std::invalid_argument("decide_k5: the objective must be Σ D_kl b_k A_l1 with k, l > 1 and D_kl > 0");
        terms.emplace_back(k, l);
      }
  auto has_row = [&](Index k, Index l) {
    for (const auto& row : s.rows)
      if (row.cmp == ding::Cmp::GreaterEqual && row.X == 0 && row.column == 1 && row.D(k, l) == 1 &&
          row.D.cwiseAbs().sum() == 1)
        return true;
    return false;
  };
  for (const auto& [k, l] : terms)
    if (!has_row(k, 0) || !has_row(0, l)) throw std::invalid_argument("decide_k5: an objective factor is not constrained ≥ 0");
  for (size_t r = 1; r < s.rows.size(); ++r) {
    const auto& row = s.rows[r];
    if (row.D.isZero()) {
      if (row.X != 0 && row.cmp == ding::Cmp::Equal) return {};  // 0 = X ≠ 0: infeasible
      continue;
    }
    if (row.column != 1) throw std::invalid_argument("decide_k5: rows on columns of A other than the first");
    Vec<Rational> c = base.zero();
    Rational constant = row.D(0, 0);
    for (Index k = 0; k < size; ++k)
      for (Index l = 0; l < size; ++l) {
        if (row.D(k, l) == 0 || (k == 0 && l == 0)) continue;
        if (k != 0 && l != 0) throw std::invalid_argument("decide_k5: a bilinear term outside the objective");
        c(k == 0 ? avar(l) : bvar(k)) += row.D(k, l);
      }
    base.add(c, rel(row.cmp), row.X - constant);
  }
  for (unsigned long choice = 0; choice < (1ul << terms.size()); ++choice) {
    RowBuilder r = base;
    for (size_t t = 0; t < terms.size(); ++t) {
      Vec<Rational> c = r.zero();
      c((choice >> t) & 1 ? avar(terms[t].second) : bvar(terms[t].first)) = 1;
      r.add(c, Relation::Equal, 0);
    }
    const auto f = oracle::lp_feasible(r.system());
    if (!f.feasible) continue;
    K5Decision out;
    out.zero_optimum = true;
    out.b = Vec<Rational>::Zero(size);
    out.A = Mat<Rational>::Zero(size, s.d);
    out.b(0) = 1;
    out.A(0, 0) = 1;
    for (Index k = 1; k < size; ++k) {
      out.b(k) = f.x(bvar(k));
      out.A(k, 0) = f.x(avar(k));
    }
    return out;
  }
  return {};
}

}  // namespace icl::ding2025
