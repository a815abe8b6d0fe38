// Matrix products of exact rationals. Every product of Mat<Rational> that Eigen evaluates as a matrix–matrix product
// (GEMM: the three sizes sum to 20 or more) lands in exact::gemm, which takes one of two paths that share no code:
//   Flint     each row of the left factor and each column of the right factor is brought to a common
//             denominator, the integer matrices are multiplied by FLINT's fmpz_mat_mul, and each entry of the
//             result is reduced once: O(n²) gcds instead of one per multiply–add;
//   PerEntry  the textbook triple loop, each multiply and add an exact reduced rational.
// The path is chosen per thread by ProductPathScope; checks that rely on both say which path produced what
// (methods/identity.hpp runs a share of its cases on each). Included at the end of core/scalar.hpp, so the
// specialisation below is seen before any product of rationals is instantiated.
#pragma once

#include <cstdint>

#include "core/scalar.hpp"

namespace icl::exact {

enum class ProductPath { Flint, PerEntry };

ProductPath product_path();
const char* path_name(ProductPath p);

class ProductPathScope {
 public:
  explicit ProductPathScope(ProductPath p);
  ~ProductPathScope();
  ProductPathScope(const ProductPathScope&) = delete;
  ProductPathScope& operator=(const ProductPathScope&) = delete;

 private:
  ProductPath saved_;
};

// GEMM products this thread has evaluated on each path (for evidence and tests).
struct ProductCounts {
  std::uint64_t flint = 0, per_entry = 0;
};
ProductCounts product_counts();

// res += alpha · lhs · rhs, where entry (i, k) of lhs is lhs[i·lhs_row + k·lhs_col], and likewise for rhs and res.
void gemm(Index rows, Index cols, Index depth, const Rational* lhs, Index lhs_row, Index lhs_col, const Rational* rhs,
          Index rhs_row, Index rhs_col, Rational* res, Index res_row, Index res_col, const Rational& alpha);

}  // namespace icl::exact

namespace Eigen::internal {

// Eigen's GEMM kernel for a column-major destination (a row-major one is forwarded here transposed).
template <typename Idx, int LhsOrder, bool ConjLhs, int RhsOrder, bool ConjRhs, int ResInnerStride>
struct general_matrix_matrix_product<Idx, icl::Rational, LhsOrder, ConjLhs, icl::Rational, RhsOrder, ConjRhs, ColMajor,
                                     ResInnerStride> {
  typedef gebp_traits<icl::Rational, icl::Rational> Traits;
  static void run(Idx rows, Idx cols, Idx depth, const icl::Rational* lhs, Idx lhs_stride, const icl::Rational* rhs,
                  Idx rhs_stride, icl::Rational* res, Idx res_incr, Idx res_stride, const icl::Rational& alpha,
                  level3_blocking<icl::Rational, icl::Rational>&, GemmParallelInfo<Idx>* = nullptr) {
    const bool lhs_rows = LhsOrder == RowMajor, rhs_rows = RhsOrder == RowMajor;
    icl::exact::gemm(rows, cols, depth, lhs, lhs_rows ? lhs_stride : 1, lhs_rows ? 1 : lhs_stride, rhs,
                     rhs_rows ? rhs_stride : 1, rhs_rows ? 1 : rhs_stride, res, res_incr, res_stride, alpha);
  }
};

}  // namespace Eigen::internal
