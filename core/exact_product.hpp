// Matrix products of exact rationals. Every product of Mat<Rational> that Eigen evaluates as a matrix–matrix product
// (GEMM: the three sizes sum to 20 or more) or as a matrix–vector product (GEMV) lands in exact::gemm, which takes one of two paths that share no code:
//   Flint     zero rows, columns and inner indices are dropped first (constructions are full of selector and
//             block-zero weights); if one factor then has at most one nonzero per line, each entry is a single
//             product of two rationals; otherwise each row of the left factor and each column of the right factor
//             is brought to a common denominator, the integer matrices are multiplied by FLINT's fmpz_mat_mul, and
//             each entry of the result is reduced once: O(n²) gcds instead of one per multiply–add;
//   PerEntry  the textbook triple loop, each multiply and add an exact reduced rational.
// A chain of products written as one call (exact::chain, through chain_product: the unmasked LSA layer's W_V·C·Kᵀ·Q)
// takes the Flint path whole, each partial product kept as an integer matrix and only the final entries reduced.
// The path is chosen per thread by ProductPathScope; checks that rely on both say which path produced what
// (methods/identity.hpp runs a share of its cases on each). Included at the end of core/scalar.hpp, so the
// specialisation below is seen before any product of rationals is instantiated.
#pragma once

#include <cstdint>
#include <vector>

#include "core/eigen_product_hook.hpp"
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

// The chain F_0·F_1·…·F_{n−1} (n ≥ 2). Flint path: the rows of F_0, each middle factor as a whole and the columns of
// F_{n−1} are cleared to integers once, the integer products are taken one after the other, and each entry of the
// result is reduced once — no partial product is brought to lowest terms or cleared again. PerEntry path: the
// products from the left, each on that path.
Mat<Rational> chain(const std::vector<const Mat<Rational>*>& factors);

}  // namespace icl::exact

namespace icl {
// ((A·B)·C)·D, the product chain of an attention update; exact rationals take exact::chain.
template <class S>
Mat<S> chain_product(const Mat<S>& A, const Mat<S>& B, const Mat<S>& C, const Mat<S>& D) {
  return ((A * B) * C) * D;
}
inline Mat<Rational> chain_product(const Mat<Rational>& A, const Mat<Rational>& B, const Mat<Rational>& C,
                                   const Mat<Rational>& D) {
  return exact::chain({&A, &B, &C, &D});
}
}  // namespace icl

ICL_ROUTE_EIGEN_PRODUCTS(icl::Rational, icl::exact::gemm, rational)
