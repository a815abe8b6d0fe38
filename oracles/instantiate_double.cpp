#include "oracles/gd_impl.hpp"
#include "oracles/logistic_impl.hpp"
#include "oracles/newton_impl.hpp"
#include "oracles/ngd_impl.hpp"

ICL_INSTANTIATE_GD(double)
ICL_INSTANTIATE_NEWTON(double)
ICL_INSTANTIATE_LOGISTIC_REAL(double)
ICL_INSTANTIATE_LOGISTIC_ORDERED(double)
ICL_INSTANTIATE_NGD(double)
