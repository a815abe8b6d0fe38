// Oracles in Arb ball arithmetic (certified enclosures of Newton–Schulz iterates and damped Newton steps).
#include "oracles/certified.hpp"
#include "oracles/logistic_impl.hpp"
#include "oracles/newton_impl.hpp"
#include "oracles/ngd_impl.hpp"

namespace icl::oracle {
template <>
Vec<Ball> solve<Ball>(const Mat<Ball>& H, const Vec<Ball>& b) {
  return certified::solve(H, b);
}
}  // namespace icl::oracle

ICL_INSTANTIATE_NEWTON(icl::Ball)
ICL_INSTANTIATE_LOGISTIC_REAL(icl::Ball)
ICL_INSTANTIATE_NGD(icl::Ball)
