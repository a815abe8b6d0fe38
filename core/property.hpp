// Runs a RapidCheck property with an explicit seed and case count, and captures the outcome (shrunk
// counterexample and reproduce string) instead of printing it. Used by every claim check, so the CLI,
// the report and ctest see the same result. RC_PARAMS="reproduce=..." from the environment re-runs exactly
// the minimal failing case of the property with that id.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include <rapidcheck.h>

#include "core/claim.hpp"

namespace icl {

struct PropertyParams {
  PropertyParams() = default;
  PropertyParams(uint64_t seed_, int cases_) : seed(seed_), cases(cases_) {}
  uint64_t seed = 0;
  int cases = 100;
  int max_size = 100;
  // A reproduce string ("reproduce=..." payload or the full RC_PARAMS value) to re-run a recorded failing
  // case; empty: use RC_PARAMS from the environment, if any.
  std::string reproduce;
};

struct PropertyOutcome {
  enum class Status { Passed, Failed, GaveUp, Skipped, Error };
  Status status = Status::Error;
  int successes = 0;
  std::string description;     // message of the (shrunk) failing case
  std::string counterexample;  // the shrunk case's picks, one per line
  std::string reproduce;       // RC_PARAMS="reproduce=..." (failures only)
  bool passed() const { return status == Status::Passed; }
  bool failed() const { return status == Status::Failed; }
};

// A failed property refutes: records the verdict, the shrunk case and its reproduce string, and returns true.
inline bool record_failure(Evidence& ev, const PropertyOutcome& outcome) {
  if (!outcome.failed()) return false;
  ev.verdict = Verdict::Refuted;
  ev.counterexample = outcome.description;
  ev.reproduce = outcome.reproduce;
  return true;
}

PropertyOutcome run_property(const std::string& id, const rc::detail::Property& property,
                             const PropertyParams& params);

template <class Testable>
PropertyOutcome check_property(const std::string& id, Testable&& testable, const PropertyParams& params) {
  return run_property(id, rc::detail::toProperty(std::forward<Testable>(testable)), params);
}

}  // namespace icl
