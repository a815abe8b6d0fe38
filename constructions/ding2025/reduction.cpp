#include "constructions/ding2025/reduction.hpp"

#include <fmt/format.h>

namespace icl::ding {

BilinearSystem bennett_mangasarian_instance(const Mat<Rational>& Ap, const Mat<Rational>& B) {
  const Index np = Ap.cols(), mp = Ap.rows(), kp = B.rows();
  BilinearSystem s;
  s.d = 2 * np + kp + 2;
  const Index size = s.d + 1, m = (s.d + 1) * (s.d + 2) / 2;
  // 0-based positions in b and in A[:, 1].
  const Index one = 0, g1 = 1 + np, g2 = 2 * np + 2;
  auto w = [&](int sgroup, Index t) { return sgroup == 1 ? 1 + t : np + 2 + t; };
  auto z1 = [&](Index i) { return 2 * np + 3 + i; };
  auto z2 = [&](Index i) { return 1 + i; };  // in A[:, 1]
  auto E = [&](Index k, Index l) {
    Mat<Rational> M = Mat<Rational>::Zero(size, size);
    M(k, l) = 1;
    return M;
  };
  auto add = [&](Mat<Rational> D, Cmp c, Rational X, std::string what) {
    s.rows.push_back({std::move(D), 1, c, std::move(X), std::move(what)});
  };
  Mat<Rational> obj = Mat<Rational>::Zero(size, size);
  for (Index i = 0; i < kp; ++i) obj(z1(i), z2(i)) = 1;
  add(obj, Cmp::GreaterEqual, 0, "objective z1ᵀz2");
  add(E(one, one), Cmp::Equal, 1, "scale b_1 A_11 = 1");
  for (Index i = 0; i < kp; ++i) add(E(z1(i), one), Cmp::GreaterEqual, 0, fmt::format("z1_{} ≥ 0", i + 1));
  for (Index i = 0; i < kp; ++i) add(E(one, z2(i)), Cmp::GreaterEqual, 0, fmt::format("z2_{} ≥ 0", i + 1));
  for (int sg : {1, 2})
    for (Index a = 0; a < mp; ++a) {
      Mat<Rational> D = -E(sg == 1 ? g1 : g2, one) - E(one, one);
      for (Index t = 0; t < np; ++t) D(w(sg, t), one) += Ap(a, t);
      add(D, Cmp::GreaterEqual, 0, fmt::format("A' point {} on the positive side of plane {}", a + 1, sg));
    }
  for (int sg : {1, 2})
    for (Index i = 0; i < kp; ++i) {
      Mat<Rational> D = -E(sg == 1 ? g1 : g2, one) + E(one, one) - (sg == 1 ? E(z1(i), one) : E(one, z2(i)));
      for (Index t = 0; t < np; ++t) D(w(sg, t), one) += B(i, t);
      add(D, Cmp::LessEqual, 0, fmt::format("B point {} on the negative side of plane {} up to z{}_{}", i + 1, sg, sg, i + 1));
    }
  const Index dm = s.d * m;
  for (Index r = Index(s.rows.size()); r < dm; ++r)
    s.rows.push_back({Mat<Rational>::Zero(size, size), r / m + 1, Cmp::Equal, 0, "0 = 0"});
  return s;
}

std::vector<Rational> row_values(const BilinearSystem& s, const Vec<Rational>& b, const Mat<Rational>& A) {
  std::vector<Rational> v;
  for (const auto& row : s.rows) v.push_back(b.dot(row.D * A.col(row.column - 1)));
  return v;
}

}  // namespace icl::ding
