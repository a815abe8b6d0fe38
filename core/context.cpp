#include "core/context.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "core/property.hpp"
#include "core/scalar.hpp"
#include "core/stopwatch.hpp"

namespace icl {

Context::Context(const Claim& claim, const RunConfig& cfg, Defect defect, int working_bits)
    : claim_(claim), cfg_(cfg), defect_(defect), working_bits_(working_bits) {}

long Context::budget(const std::string& name) const {
  const Budget* b = claim_.find_budget(name);
  if (!b) throw std::logic_error(id() + ": the check reads a budget '" + name + "' its row does not declare");
  return cfg_.scaled(*b);
}

bool Context::enough(const std::string& name, std::string* why) const {
  const Budget* b = claim_.find_budget(name);
  if (!b) throw std::logic_error(id() + ": the check reads a budget '" + name + "' its row does not declare");
  const long v = cfg_.scaled(*b);
  if (v >= b->minimum) return true;
  if (why)
    *why = "budget too small for a verdict: " + name + " = " + std::to_string(v) + " < " + std::to_string(b->minimum);
  return false;
}

bool Context::enough_budget(std::string* why) const {
  for (const auto& b : claim_.budgets)
    if (!enough(b.name, why)) return false;
  return true;
}

bool Context::enough_for(const Part& part, std::string* why) const {
  if (!part.reads) return enough_budget(why);
  return std::all_of(part.reads->begin(), part.reads->end(), [&](const std::string& b) { return enough(b, why); });
}

Outcome run_check(const Claim& claim, const RunConfig& cfg, Defect defect) {
  Outcome out;
  Stopwatch clock;
  const long replays_before = properties_replayed_or_skipped();
  try {
    PrecisionScope precision(cfg.bits);
    Context ctx(claim, cfg, defect, precision.bits());
    out.evidence = claim.check(ctx);
    // A positive verdict is earned only at or above every budget's minimum (a refutation by a counterexample holds
    // at any budget; a check whose refutations depend on the budget guards them itself).
    if (std::string why; holds(out.evidence.verdict) && !ctx.enough_budget(&why)) out.evidence.inconclusive(why);
    // The same for each part and the budgets it reads: a part that holds on one case of a starved budget earns
    // nothing either.
    const auto demote = [](Part& p, const std::string& why) {
      p.verdict = Verdict::Inconclusive, p.detail += (p.detail.empty() ? "" : "; ") + why;
    };
    for (Part& p : out.evidence.parts)
      if (std::string why; holds(p.verdict) && !ctx.enough_for(p, &why)) demote(p, why);
    // Under an RC_PARAMS replay every property runs its one recorded case: neither the claim nor any part earns a
    // positive verdict from that.
    if (properties_replayed_or_skipped() != replays_before) {
      const std::string why = "RC_PARAMS replays one recorded case: the claim's evidence was not run (run without "
                              "RC_PARAMS for its verdict)";
      if (holds(out.evidence.verdict)) out.evidence.inconclusive(why);
      for (Part& p : out.evidence.parts)
        if (holds(p.verdict)) demote(p, why);
    }
  } catch (const std::exception& e) {
    out.error = e.what();
    out.evidence = Evidence{};
    out.evidence.verdict = Verdict::Error;
  }
  out.evidence.seconds = clock.seconds();
  return out;
}

}  // namespace icl
