// Constructions in MPFR (run-time precision).
#include "constructions/attention_impl.hpp"
#include "constructions/giannou_logistic_impl.hpp"
#include "constructions/vonoswald_impl.hpp"
#include "constructions/zhangcao_impl.hpp"

ICL_INSTANTIATE_LSA(icl::Mpfr)
ICL_INSTANTIATE_LSA_BACKWARD(icl::Mpfr)
ICL_INSTANTIATE_SOFTMAX(icl::Mpfr)
ICL_INSTANTIATE_SOFTMAX_BACKWARD(icl::Mpfr)
ICL_INSTANTIATE_MLP(icl::Mpfr)
ICL_INSTANTIATE_VONOSWALD_POLY(icl::Mpfr)
ICL_INSTANTIATE_VONOSWALD_FEATURES(icl::Mpfr)
ICL_INSTANTIATE_GIANNOU_POLY(icl::Mpfr)
ICL_INSTANTIATE_GIANNOU_LOGISTIC(icl::Mpfr)
ICL_INSTANTIATE_ZHANGCAO(icl::Mpfr)
