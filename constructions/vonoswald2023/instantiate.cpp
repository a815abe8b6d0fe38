// von Oswald constructions for every scalar the family's checks use.
#include "constructions/vonoswald2023/layers_impl.hpp"
#include "core/ball.hpp"
#include "core/degree.hpp"

ICL_INSTANTIATE_VONOSWALD_POLY(icl::Rational)
ICL_INSTANTIATE_VONOSWALD_POLY(icl::Mpfr)
ICL_INSTANTIATE_VONOSWALD_POLY(double)
ICL_INSTANTIATE_VONOSWALD_POLY(icl::Ball)
ICL_INSTANTIATE_VONOSWALD_POLY(icl::Degree)
ICL_INSTANTIATE_VONOSWALD_FEATURES(icl::Rational)
ICL_INSTANTIATE_VONOSWALD_FEATURES(icl::Mpfr)
ICL_INSTANTIATE_VONOSWALD_FEATURES(double)
