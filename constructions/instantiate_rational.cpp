// Generic layers in exact rationals.
#include "constructions/attention_impl.hpp"

ICL_INSTANTIATE_LSA(icl::Rational)
ICL_INSTANTIATE_MLP(icl::Rational)
ICL_INSTANTIATE_SOFTMAX(icl::Rational)
