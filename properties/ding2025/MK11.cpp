// ding2025/MK11 — RK with d ≥ 2: the factorised moments equal RK's and X_FACT attains f̃* (FACT-H and FACT-Hh).
#include <fmt/format.h>

#include "oracles/markov.hpp"
#include "properties/ding2025/family.hpp"

namespace icl::ding2025::mk11 {

Evidence check(Context& ctx) {
  Evidence ev;
  // Control: FACT-H at d = 1, where the query input s_1 does not depend on the kernel, so H factorises exactly.
  const long d = ctx.broken(defects::QueryIndependent) ? 1 : 2, n = 10;
  const Rational p(1, 2);
  const auto rk = markov::moment_recipe(d, n, markov::Model::RK);
  const Mat<Rational> H = markov::at_p(rk.H, p);
  const Vec<Rational> h = markov::at_p(rk.h, p);
  const Rational Ey2 = markov::at_p(rk.Ey2, p);
  const Vec<Rational> X = markov::minimiser(H, h);
  const Rational f_star = markov::objective(H, h, Ey2, X);
  ev.note(fmt::format("RK, d = {}, n = {}, p = 1/2", d, n), fmt::format("f̃* = {} ≈ {:.8f}", f_star.str(), to_double(f_star)));
  std::string diff;
  std::vector<markov::Model> models{markov::Model::FactH};
  if (d >= 2) models.push_back(markov::Model::FactHh);  // at d = 1, h = E[xy ⊗ g] still couples y and g through K
  for (const auto model : models) {
    const auto fm = markov::moment_recipe(d, n, model);
    const Mat<Rational> Hf = markov::at_p(fm.H, p);
    const Vec<Rational> hf = markov::at_p(fm.h, p);
    Rational worst(0);
    for (Index i = 0; i < H.size(); ++i) worst = std::max(worst, abs(Hf(i) - H(i)));
    for (Index i = 0; i < h.size(); ++i) worst = std::max(worst, abs(hf(i) - h(i)));
    const Vec<Rational> Xf = markov::minimiser(Hf, hf);
    const Rational excess = markov::objective(H, h, Ey2, Xf) - f_star;  // under the RK loss
    ev.note(markov::model_name(model),
            fmt::format("max |entry − RK| = {} ≈ {:.3e}; f̃_RK(X_FACT) − f̃* = {} ≈ {:.3e}", worst.str(), to_double(worst),
                        excess.str(), to_double(excess)));
    if ((worst != 0 || excess != 0) && diff.empty())
      diff = fmt::format("{} at d = {}, n = {}, p = 1/2: moments differ from RK by up to {:.3e}, and X_FACT misses "
                         "f̃* by {} ≈ {:.3e}",
                         markov::model_name(model), d, n, to_double(worst), excess.str(), to_double(excess));
  }
  ev.cases = 2;
  if (!diff.empty()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = diff;
  } else {
    ev.verdict = Verdict::ProvedExactly;
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("MK11", Kind::Identity)
        .statement("RK with d ≥ 2: H_FACT = E_K[H_K], and X_FACT attains f̃* under the RK loss (FACT-H and FACT-Hh)")
        .source("§3 (factorisation on the grounds that the query is independent of the context)")
        .uses({}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::Refuted, "for d ≥ 2 the query input and the context share the kernel, so E[xxᵀ ⊗ ggᵀ] does not "
                                  "factorise")
        .variant(defects::QueryIndependent, Verdict::ProvedExactly)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk11
