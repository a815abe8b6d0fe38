#include "core/context.hpp"

#include <exception>
#include <stdexcept>

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

Outcome run_check(const Claim& claim, const RunConfig& cfg, Defect defect) {
  Outcome out;
  Stopwatch clock;
  try {
    PrecisionScope precision(cfg.bits);
    Context ctx(claim, cfg, defect, precision.bits());
    out.evidence = claim.check(ctx);
  } catch (const std::exception& e) {
    out.error = e.what();
    out.evidence = Evidence{};
  }
  out.evidence.seconds = clock.seconds();
  return out;
}

}  // namespace icl
