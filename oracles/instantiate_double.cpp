#include "oracles/gd_impl.hpp"

ICL_INSTANTIATE_GD(double)
