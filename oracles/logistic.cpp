// Logistic regression and damped Newton (Giannou O4/O5) for every scalar that checks use.
#include "core/degree.hpp"
#include "oracles/certified.hpp"
#include "oracles/logistic_impl.hpp"

namespace icl::oracle {
template <>
Vec<Ball> solve<Ball>(const Mat<Ball>& H, const Vec<Ball>& b) {
  return certified::solve(H, b);
}
}  // namespace icl::oracle

ICL_INSTANTIATE_LOGISTIC_REAL(icl::Ball)
ICL_INSTANTIATE_LOGISTIC_REAL(double)
ICL_INSTANTIATE_LOGISTIC_REAL(icl::Mpfr)
ICL_INSTANTIATE_LOGISTIC_ORDERED(double)
ICL_INSTANTIATE_LOGISTIC_ORDERED(icl::Mpfr)
ICL_INSTANTIATE_LOGISTIC_POLY(icl::Rational)
ICL_INSTANTIATE_LOGISTIC_POLY(icl::Degree)
