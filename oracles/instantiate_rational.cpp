#include "oracles/gd_impl.hpp"
#include "oracles/logistic_impl.hpp"
#include "oracles/newton_impl.hpp"

ICL_INSTANTIATE_GD(icl::Rational)
ICL_INSTANTIATE_NEWTON(icl::Rational)
ICL_INSTANTIATE_LOGISTIC_POLY(icl::Rational)
