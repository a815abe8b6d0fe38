// Generic layers in MPFR (run-time precision).
#include "constructions/attention_impl.hpp"

ICL_INSTANTIATE_LSA(icl::Mpfr)
ICL_INSTANTIATE_LSA_BACKWARD(icl::Mpfr)
ICL_INSTANTIATE_SOFTMAX(icl::Mpfr)
ICL_INSTANTIATE_SOFTMAX_BACKWARD(icl::Mpfr)
ICL_INSTANTIATE_MLP(icl::Mpfr)
