// Giannou constructions for every scalar the family's checks use.
#include "constructions/giannou2024/logistic_network_impl.hpp"
#include "constructions/giannou2024/newton_blocks_impl.hpp"
#include "core/degree.hpp"
#include "core/polynomial.hpp"

ICL_INSTANTIATE_GIANNOU_POLY(icl::Rational)
ICL_INSTANTIATE_GIANNOU_POLY(icl::Mpfr)
ICL_INSTANTIATE_GIANNOU_POLY(double)
ICL_INSTANTIATE_GIANNOU_POLY(icl::Degree)
ICL_INSTANTIATE_GIANNOU_POLY(icl::Poly)
ICL_INSTANTIATE_GIANNOU_RELU(icl::Rational)
ICL_INSTANTIATE_GIANNOU_LOGISTIC(icl::Mpfr)
ICL_INSTANTIATE_GIANNOU_LOGISTIC(double)
