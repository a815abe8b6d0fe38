// Ding constructions for every scalar the family's checks use.
#include "constructions/ding2025/markov_lsa_impl.hpp"
#include "core/degree.hpp"
#include "core/polynomial.hpp"

namespace icl::ding {
Index pair_count(Index d) { return (d + 1) * (d + 2) / 2; }
Index pair_index(Index k, Index l, Index d) { return (k - 1) * (d + 1) - (k - 1) * (k - 2) / 2 + (l - k + 1); }
}  // namespace icl::ding

ICL_INSTANTIATE_DING(icl::Rational)
ICL_INSTANTIATE_DING(icl::Mpfr)
ICL_INSTANTIATE_DING(icl::Degree)
ICL_INSTANTIATE_DING(icl::Poly)
ICL_INSTANTIATE_DING(double)
