#include "core/claim.hpp"

#include <algorithm>
#include <cmath>

#include "core/random.hpp"

namespace icl {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::ProvedExactly: return "proved exactly";
    case Verdict::Certified: return "certified";
    case Verdict::HoldsNumerically: return "holds numerically";
    case Verdict::Refuted: return "refuted";
    case Verdict::Inconclusive: return "inconclusive";
    case Verdict::Error: return "error";
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

const char* to_string(Axis a) {
  switch (a) {
    case Axis::Cases: return "cases";
    case Axis::Instances: return "instances";
    case Axis::Tasks: return "tasks";
    case Axis::Steps: return "steps";
    case Axis::Horizon: return "horizon";
    case Axis::Grid: return "grid";
  }
  return "?";
}

uint64_t RunConfig::seed_for(const std::string& claim_id, const std::string& purpose) const {
  return mix_seed(seed, claim_id + "#" + purpose);
}

long RunConfig::scaled(const Budget& b) const {
  if (b.axis == Axis::Cases && cases > 0) return cases;
  return std::max(1L, std::lround(static_cast<double>(b.base) * effort));
}

bool holds(Verdict v) {
  return v == Verdict::ProvedExactly || v == Verdict::Certified || v == Verdict::HoldsNumerically;
}

bool as_expected(const Claim& c, const Evidence& ev, const std::string& error) {
  if (!error.empty() || ev.verdict == Verdict::Error || ev.verdict != c.expected) return false;
  for (const auto& part : c.parts) {
    const auto it = std::find_if(ev.parts.begin(), ev.parts.end(), [&](const Part& p) { return p.name == part.first; });
    if (it == ev.parts.end() || it->verdict != part.second) return false;
  }
  return true;
}

const Budget* Claim::find_budget(const std::string& name) const {
  for (const auto& b : budgets)
    if (b.name == name) return &b;
  return nullptr;
}

}  // namespace icl
