// One part of a trained claim decided over its training seeds: `yes` of `seeds` runs satisfied it. One-sided binomial
// tests at 5% (5 seeds are the fewest that can decide: P = 1/32); a refutation only at `full_budget` (the paper's
// scale), else inconclusive. The part, with `counter` when refuted, goes into `ev`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/claim.hpp"

namespace icl::training {

Verdict seed_part(Evidence& ev, const std::string& name, long yes, long seeds, bool full_budget, const std::string& counter);

}  // namespace icl::training

namespace icl::training {

// A part read on trained models whose premise a seed may not meet yet (trained to the baseline's loss, say): decided by
// seed_part over the qualified seeds only — every seed at the paper's scale — so an undertrained seed is neither
// evidence for nor against it; a refutation needs 5 qualified seeds that fail. The first failure is the counterexample.
struct SeedOutcome {
  long seed = 0;
  bool qualified = true, holds = false;
  std::string failure;
};
std::pair<Verdict, std::string> premise_part(Evidence& ev, const std::string& name, const std::string& premise,
                                             const std::vector<SeedOutcome>& seeds);

// The claim's verdict over its seeds. First the construction: the trained model recomputed by the paper's
// construction must agree with the trainer's (`worst` ≤ `allowed`), else the curves are not the transformer's and the
// claim is refuted for it. Then the parts (each with the counterexample it would give): refuted if one is, holds if
// every part holds, else inconclusive with `undecided`.
struct ConstructionAgreement {
  std::string name;  // e.g. "K1 vs trainer"
  std::string what;  // e.g. "relative difference of Â"
  double worst = 0, allowed = 0;
};
void seeds_verdict(Evidence& ev, const ConstructionAgreement& agreement,
                   const std::vector<std::pair<Verdict, std::string>>& parts, const std::string& certificate,
                   const std::string& undecided);
// The parts alone (a trained model no construction recomputes): refuted with the first refuted part's counterexample,
// holds when every part holds, else inconclusive with `undecided`.
void parts_verdict(Evidence& ev, const std::vector<std::pair<Verdict, std::string>>& parts, const std::string& certificate,
                   const std::string& undecided);

}  // namespace icl::training
