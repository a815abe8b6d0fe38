// Generic layers on symbolic scalars: the degree tracker (Schwartz–Zippel bounds read off the construction itself)
// and exact polynomials (measured degrees).
#include "constructions/attention_impl.hpp"
#include "core/degree.hpp"
#include "core/polynomial.hpp"

ICL_INSTANTIATE_LSA(icl::Degree)
ICL_INSTANTIATE_LSA(icl::Poly)
