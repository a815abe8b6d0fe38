// Oracles on the degree tracker (Schwartz–Zippel bounds) and on exact polynomials (population moments, O3).
#include "core/degree.hpp"
#include "oracles/gd_impl.hpp"
#include "oracles/polynomial.hpp"

ICL_INSTANTIATE_GD(icl::Degree)
ICL_INSTANTIATE_GD(icl::Poly)
