// Matrix products of MPFR numbers without a temporary per multiply–add. Eigen's GEMM and GEMV kernels for a generic
// scalar create and destroy MPFR temporaries in every step (allocation, not arithmetic, was 70% of an MPFR product);
// these specialisations evaluate res += alpha · lhs · rhs on the raw mpfr_t with one accumulator per output entry,
// each multiply–add rounded once (mpfr_fma), at the precision of the destination entry. Included at the end of
// core/scalar.hpp.
#pragma once

#include "core/eigen_product_hook.hpp"
#include "core/scalar.hpp"

namespace icl::mpfr_product {

// res(i, j) += alpha · Σ_k lhs(i, k) · rhs(k, j); entry (i, k) of lhs is lhs[i·lhs_row + k·lhs_col], and likewise.
void gemm(Index rows, Index cols, Index depth, const Mpfr* lhs, Index lhs_row, Index lhs_col, const Mpfr* rhs,
          Index rhs_row, Index rhs_col, Mpfr* res, Index res_row, Index res_col, const Mpfr& alpha);

}  // namespace icl::mpfr_product

ICL_ROUTE_EIGEN_PRODUCTS(icl::Mpfr, icl::mpfr_product::gemm, mpfr)
