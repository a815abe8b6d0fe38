// Normalized GD and its relatives (Zhang & Cao O1, O2, O4) for every scalar that checks use.
#include "oracles/ngd_impl.hpp"

ICL_INSTANTIATE_NGD(icl::Ball)
ICL_INSTANTIATE_NGD(double)
ICL_INSTANTIATE_NGD(icl::Mpfr)
