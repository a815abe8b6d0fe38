#include "training/seeds.hpp"

#include <fmt/format.h>

#include "core/fit.hpp"

namespace icl::training {

Verdict seed_part(Evidence& ev, const std::string& name, long yes, long seeds, bool full_budget, const std::string& counter) {
  constexpr double kLevel = 0.05;
  const double p_holds = binomial_tail_at_most(seeds - yes, seeds), p_fails = binomial_tail_at_most(yes, seeds);
  const Verdict v = p_holds < kLevel                  ? Verdict::HoldsNumerically
                    : p_fails < kLevel && full_budget ? Verdict::Refuted
                                                      : Verdict::Inconclusive;
  ev.part(name, v, fmt::format("{} of {} seeds (one-sided binomial P = {:.3g}){}", yes, seeds,
                               p_holds < kLevel ? p_holds : p_fails, v == Verdict::Refuted ? "; " + counter : ""));
  return v;
}

}  // namespace icl::training

namespace icl::training {

std::pair<Verdict, std::string> premise_part(Evidence& ev, const std::string& name, const std::string& premise,
                                             const std::vector<SeedOutcome>& seeds) {
  long qualified = 0, yes = 0;
  std::string counter;
  for (const auto& s : seeds) {
    if (!s.qualified) continue;
    ++qualified;
    if (s.holds) ++yes;
    else if (counter.empty()) counter = fmt::format("seed {}: {}", s.seed, s.failure);
  }
  ev.drawn = long(seeds.size());
  ev.qualified = qualified;
  return {seed_part(ev, fmt::format("{} (over the {} of {} seeds {})", name, qualified, seeds.size(), premise), yes,
                    qualified, true, counter),
          counter};
}

void seeds_verdict(Evidence& ev, const ConstructionAgreement& agreement,
                   const std::vector<std::pair<Verdict, std::string>>& parts, const std::string& certificate,
                   const std::string& undecided) {
  ev.note(agreement.name, fmt::format("worst {} {:.3g} (allowed √u = {:.2g})", agreement.what, agreement.worst,
                                      agreement.allowed));
  if (!(agreement.worst <= agreement.allowed)) {  // the curves are not the transformer's
    ev.part(agreement.name, Verdict::Refuted, fmt::format("{} {:.3g}", agreement.what, agreement.worst));
    ev.verdict = Verdict::Refuted;
    ev.counterexample = fmt::format("{}: {} {:.3g} at the trained weights", agreement.name, agreement.what, agreement.worst);
    return;
  }
  parts_verdict(ev, parts, certificate, undecided);
}

void parts_verdict(Evidence& ev, const std::vector<std::pair<Verdict, std::string>>& parts, const std::string& certificate,
                   const std::string& undecided) {
  bool all_hold = true;
  for (const auto& [v, counter] : parts) {
    if (v == Verdict::Refuted) {
      ev.verdict = Verdict::Refuted;
      ev.counterexample = counter;
      return;
    }
    all_hold = all_hold && v == Verdict::HoldsNumerically;
  }
  if (all_hold) {
    ev.verdict = Verdict::HoldsNumerically;
    ev.certificate = certificate;
  } else {
    ev.inconclusive(undecided);
  }
}

}  // namespace icl::training
