// Oracles on the degree tracker (Schwartz–Zippel bounds) and on exact polynomials (population moments O3,
// measured degrees).
#include "core/degree.hpp"
#include "core/polynomial.hpp"
#include "oracles/gd_impl.hpp"
#include "oracles/logistic_impl.hpp"
#include "oracles/newton_impl.hpp"

ICL_INSTANTIATE_GD(icl::Degree)
ICL_INSTANTIATE_GD(icl::Poly)
ICL_INSTANTIATE_NEWTON(icl::Degree)
ICL_INSTANTIATE_NEWTON(icl::Poly)
ICL_INSTANTIATE_LOGISTIC_POLY(icl::Degree)
