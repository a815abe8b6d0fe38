// Small exact polynomial-matrix algebra shared by the Ding claims: determinants by cofactor expansion (the matrices
// are at most 3×3 here), kept on polynomial entries so that signs can be certified for every p.
#pragma once

#include "core/polynomial.hpp"

namespace icl::ding2025 {

inline Poly det(const Mat<Poly>& M) {
  if (M.rows() == 1) return M(0, 0);
  Poly s(0);
  for (Index j = 0; j < M.cols(); ++j) {
    Mat<Poly> minor(M.rows() - 1, M.cols() - 1);
    for (Index r = 1; r < M.rows(); ++r)
      for (Index c = 0, k = 0; c < M.cols(); ++c)
        if (c != j) minor(r - 1, k++) = M(r, c);
    const Poly t = M(0, j) * det(minor);
    s = j % 2 ? s - t : s + t;
  }
  return s;
}

}  // namespace icl::ding2025
