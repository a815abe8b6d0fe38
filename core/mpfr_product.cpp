#include "core/mpfr_product.hpp"

#include <mpfr.h>

namespace icl::mpfr_product {

void gemm(Index rows, Index cols, Index depth, const Mpfr* lhs, Index lhs_row, Index lhs_col, const Mpfr* rhs,
          Index rhs_row, Index rhs_col, Mpfr* res, Index res_row, Index res_col, const Mpfr& alpha) {
  if (rows == 0 || cols == 0) return;
  mpfr_t acc;
  mpfr_init2(acc, mpfr_get_prec(res[0].backend().data()));
  const mpfr_srcptr a = alpha.backend().data();
  const bool unit_alpha = mpfr_cmp_ui(a, 1) == 0;
  for (Index j = 0; j < cols; ++j)
    for (Index i = 0; i < rows; ++i) {
      mpfr_ptr r = res[i * res_row + j * res_col].backend().data();
      if (mpfr_get_prec(acc) != mpfr_get_prec(r)) mpfr_set_prec(acc, mpfr_get_prec(r));
      mpfr_set_zero(acc, 1);
      for (Index k = 0; k < depth; ++k)
        mpfr_fma(acc, lhs[i * lhs_row + k * lhs_col].backend().data(), rhs[k * rhs_row + j * rhs_col].backend().data(),
                 acc, MPFR_RNDN);
      if (!unit_alpha) mpfr_mul(acc, acc, a, MPFR_RNDN);
      mpfr_add(r, r, acc, MPFR_RNDN);
    }
  mpfr_clear(acc);
}

}  // namespace icl::mpfr_product
