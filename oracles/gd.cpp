// O1/O2 (gradient descent, GD++) for every scalar that checks use.
#include "core/degree.hpp"
#include "core/polynomial.hpp"
#include "oracles/gd_impl.hpp"

ICL_INSTANTIATE_GD(double)
ICL_INSTANTIATE_GD(icl::Mpfr)
ICL_INSTANTIATE_GD(icl::Rational)
ICL_INSTANTIATE_GD(icl::Degree)
ICL_INSTANTIATE_GD(icl::Poly)
