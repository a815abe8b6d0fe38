// Constructions on symbolic scalars: the degree tracker (Schwartz–Zippel bounds read off the construction
// itself) and exact polynomials (measured degrees, Giannou LSA4).
#include "constructions/attention_impl.hpp"
#include "constructions/giannou_impl.hpp"
#include "constructions/vonoswald_impl.hpp"
#include "core/degree.hpp"
#include "core/polynomial.hpp"

ICL_INSTANTIATE_LSA(icl::Degree)
ICL_INSTANTIATE_VONOSWALD_POLY(icl::Degree)
ICL_INSTANTIATE_GIANNOU_POLY(icl::Degree)
ICL_INSTANTIATE_LSA(icl::Poly)
ICL_INSTANTIATE_GIANNOU_POLY(icl::Poly)
