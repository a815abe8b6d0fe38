// Generic layers in Arb ball arithmetic (certified enclosures).
#include "constructions/attention_impl.hpp"

ICL_INSTANTIATE_LSA(icl::Ball)
ICL_INSTANTIATE_SOFTMAX(icl::Ball)
ICL_INSTANTIATE_MLP(icl::Ball)
