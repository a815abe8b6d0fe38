// Zhang & Cao constructions for every scalar the family's checks use.
#include "constructions/zhangcao2026/ngd_layers_impl.hpp"
#include "core/ball.hpp"

ICL_INSTANTIATE_ZHANGCAO(icl::Rational)
ICL_INSTANTIATE_ZHANGCAO(icl::Mpfr)
ICL_INSTANTIATE_ZHANGCAO(double)
ICL_INSTANTIATE_ZHANGCAO(icl::Ball)
