// Runs a RapidCheck property with an explicit seed and case count, and captures the outcome (shrunk
// counterexample and reproduce string) instead of printing it. Used by every claim check, so the CLI,
// the report and ctest see the same result. RC_PARAMS="reproduce=..." from the environment re-runs exactly
// the minimal failing case of the property with that id.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

// RC_PARAMS from the environment: "" when absent or well formed, otherwise the problem in one line. `reproduces`
// receives the property ids a reproduce string replays.
std::string check_rc_params(std::vector<std::string>* reproduces = nullptr);

// Properties that replayed a recorded case, or were skipped because RC_PARAMS replays another property, since the
// process started: a check that ran any of them reports no positive verdict (it has not run its evidence).
long properties_replayed_or_skipped();

// Runs a nullary property. A failed assertion (RC_FAIL, RC_ASSERT) is a counterexample; any other exception thrown
// inside the property is an error of the check itself and is rethrown after the run (std::runtime_error naming the
// property), so it can never read as a refutation.
template <class Testable>
PropertyOutcome check_property(const std::string& id, Testable&& testable, const PropertyParams& params) {
  std::string internal;
  const auto guarded = [&] {
    try {
      testable();
    } catch (const rc::detail::CaseResult&) {
      throw;
    } catch (const std::exception& e) {
      if (internal.empty()) internal = e.what();
      throw;
    }
  };
  PropertyOutcome out = run_property(id, rc::detail::toProperty(guarded), params);
  if (!internal.empty()) throw std::runtime_error("exception inside property " + id + ": " + internal);
  if (out.status == PropertyOutcome::Status::Error)
    throw std::runtime_error("RapidCheck error in property " + id + ": " + out.description);
  return out;
}

}  // namespace icl
