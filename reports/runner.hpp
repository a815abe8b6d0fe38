// Runs claims and collects their evidence.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/claim.hpp"

namespace icl {

struct Result {
  const Claim* claim = nullptr;
  Evidence evidence;
  std::string error;  // a check that threw: the exception's message
  bool as_expected() const { return error.empty() && evidence.verdict == claim->expected; }
};

// Runs each claim's check in order. `on_start(i, n, claim)` and `on_done(result)` may be empty.
std::vector<Result> run_claims(const std::vector<const Claim*>& claims, const RunConfig& cfg,
                               const std::function<void(size_t, size_t, const Claim&)>& on_start = nullptr,
                               const std::function<void(const Result&)>& on_done = nullptr);

// One line: cases, worst error, the certificate's bound and (optionally) the time.
std::string evidence_summary(const Evidence& ev, bool with_time = true);

}  // namespace icl
