#include "oracles/gd_impl.hpp"
#include "oracles/logistic_impl.hpp"
#include "oracles/newton_impl.hpp"
#include "oracles/ngd_impl.hpp"

ICL_INSTANTIATE_GD(icl::Mpfr)
ICL_INSTANTIATE_NEWTON(icl::Mpfr)
ICL_INSTANTIATE_LOGISTIC_REAL(icl::Mpfr)
ICL_INSTANTIATE_LOGISTIC_ORDERED(icl::Mpfr)
ICL_INSTANTIATE_NGD(icl::Mpfr)
