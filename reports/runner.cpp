#include "reports/runner.hpp"

#include <fmt/format.h>

#include "core/context.hpp"

namespace icl {

std::vector<Result> run_claims(const std::vector<const Claim*>& claims, const RunConfig& cfg,
                               const std::function<void(size_t, size_t, const Claim&)>& on_start,
                               const std::function<void(const Result&)>& on_done) {
  std::vector<Result> results;
  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& c = *claims[i];
    if (on_start) on_start(i, claims.size(), c);
    Result r;
    r.claim = &c;
    Outcome out = run_check(c, cfg);
    r.evidence = std::move(out.evidence);
    r.error = std::move(out.error);
    if (on_done) on_done(r);
    results.push_back(std::move(r));
  }
  return results;
}

std::string evidence_summary(const Evidence& ev, bool with_time) {
  std::string s = fmt::format("{} case{}", ev.cases, ev.cases == 1 ? "" : "s");
  if (ev.max_error) s += fmt::format("; max error {:.3g}", *ev.max_error);
  if (ev.precision_bits > 0) s += fmt::format("; {} bits", ev.precision_bits);
  if (ev.bound) s += fmt::format("; {} {:.3g}", ev.bound_label.empty() ? "bound" : ev.bound_label, *ev.bound);
  if (with_time) s += fmt::format("; {:.2f} s", ev.seconds);
  return s;
}

}  // namespace icl
