// Constructions in Arb ball arithmetic (certified enclosures).
#include "constructions/attention_impl.hpp"
#include "constructions/vonoswald_impl.hpp"
#include "constructions/zhangcao_impl.hpp"

ICL_INSTANTIATE_LSA(icl::Ball)
ICL_INSTANTIATE_SOFTMAX(icl::Ball)
ICL_INSTANTIATE_MLP(icl::Ball)
ICL_INSTANTIATE_VONOSWALD_POLY(icl::Ball)
ICL_INSTANTIATE_ZHANGCAO(icl::Ball)
