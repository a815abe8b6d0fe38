// Constructions in exact rationals.
#include "constructions/attention_impl.hpp"
#include "constructions/giannou_impl.hpp"
#include "constructions/vonoswald_impl.hpp"
#include "constructions/zhangcao_impl.hpp"

ICL_INSTANTIATE_LSA(icl::Rational)
ICL_INSTANTIATE_MLP(icl::Rational)
ICL_INSTANTIATE_VONOSWALD_POLY(icl::Rational)
ICL_INSTANTIATE_VONOSWALD_FEATURES(icl::Rational)
ICL_INSTANTIATE_GIANNOU_POLY(icl::Rational)
ICL_INSTANTIATE_GIANNOU_RELU(icl::Rational)
ICL_INSTANTIATE_SOFTMAX(icl::Rational)
ICL_INSTANTIATE_ZHANGCAO(icl::Rational)
