// Constructions on the degree tracker (Schwartz–Zippel degree bounds read off the construction itself).
#include "constructions/attention_impl.hpp"
#include "constructions/vonoswald_impl.hpp"
#include "core/degree.hpp"

ICL_INSTANTIATE_LSA(icl::Degree)
ICL_INSTANTIATE_VONOSWALD_POLY(icl::Degree)
