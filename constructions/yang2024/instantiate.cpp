// Yang constructions for every scalar the family's checks use.
#include "constructions/yang2024/multihead_impl.hpp"

ICL_INSTANTIATE_YANG(double)
ICL_INSTANTIATE_YANG(icl::Mpfr)
ICL_INSTANTIATE_YANG(icl::Ball)
