// The check context: what the runner hands to every claim's check. It carries the claim (its id and budgets),
// the run's seed, precision and effort, the broken variant under test, and progress reporting, so a check never
// repeats its own id, never opens the run's precision itself, and reads every count from its row's budgets.
#pragma once

#include <string>

#include "core/claim.hpp"
#include "core/random.hpp"

namespace icl {

class Context {
 public:
  Context(const Claim& claim, const RunConfig& cfg, Defect defect, int working_bits);

  const Claim& claim() const { return claim_; }
  const std::string& id() const { return claim_.id; }
  const RunConfig& config() const { return cfg_; }

  // The broken variant under test (code 0: none).
  Defect defect() const { return defect_; }
  bool broken(Defect d) const { return defect_ == d; }

  // Independent streams per purpose: the same (seed, claim id, purpose) gives the same numbers everywhere.
  uint64_t seed(const std::string& purpose = "") const { return cfg_.seed_for(id(), purpose); }
  // For a named sub-property of the claim ("<id>:tied"): its own stream and RapidCheck id.
  uint64_t seed_for(const std::string& name, const std::string& purpose) const { return cfg_.seed_for(name, purpose); }
  Rng rng(const std::string& purpose = "") const { return Rng(seed(purpose)); }

  // The row's budget `name`, scaled by the run's effort (Cases budgets: or set by --cases).
  long budget(const std::string& name) const;
  int budget_int(const std::string& name) const { return static_cast<int>(budget(name)); }
  // Whether budget `name` reaches its minimum for a verdict; if not, `why` names it and its minimum.
  bool enough(const std::string& name, std::string* why = nullptr) const;
  // Every budget of the row at or above its minimum (the first one short of it is named in `why`).
  bool enough_budget(std::string* why = nullptr) const;
  // Every budget the part reads (Part::reads; unset: every budget of the row) at or above its minimum.
  bool enough_for(const Part& part, std::string* why = nullptr) const;

  // Requested precision (ladders run at bits/2 … 4·bits) and the precision actually in force: the runner opens a
  // PrecisionScope at bits() around every check.
  int bits() const { return cfg_.bits; }
  int working_bits() const { return working_bits_; }

  void progress(const std::string& line) const { cfg_.report_progress(line); }

 private:
  const Claim& claim_;
  const RunConfig& cfg_;
  Defect defect_;
  int working_bits_;
};

// Runs one claim's check (or one of its broken variants) inside the run's precision, timing it. An exception
// thrown by the check is returned as `error` with the verdict `error`.
struct Outcome {
  Evidence evidence;
  std::string error;
};
Outcome run_check(const Claim& claim, const RunConfig& cfg, Defect defect = {});

}  // namespace icl
