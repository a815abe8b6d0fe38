#include "core/claim.hpp"

#include "core/random.hpp"

namespace icl {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::ProvedExactly: return "proved exactly";
    case Verdict::Certified: return "certified";
    case Verdict::HoldsNumerically: return "holds numerically";
    case Verdict::Refuted: return "refuted";
    case Verdict::Inconclusive: return "inconclusive";
  }
  return "?";
}

const char* to_string(Kind k) {
  switch (k) {
    case Kind::Identity: return "identity";
    case Kind::Inequality: return "inequality";
    case Kind::Rate: return "rate";
    case Kind::Empirical: return "empirical";
    case Kind::Complexity: return "complexity";
  }
  return "?";
}

uint64_t RunConfig::seed_for(const std::string& claim_id, const std::string& purpose) const {
  return mix_seed(seed, claim_id + "#" + purpose);
}

}  // namespace icl
