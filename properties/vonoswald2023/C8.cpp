// vonoswald2023/C8 — the code's grid line search (`scan_lrs`) returns η̂ close to η* with loss close to L*.
// d = N = 10, d_y = 1, W ~ N(0, I), 10⁴ fixed tasks per law (the code's evaluation set), W_0 = 0. The one-step GD
// predictions come from K1 (one layer, P = (η/N)I) at η = 1 — the prediction is linear in η through P, so
// ŷ(η) = η·ŷ(1) — and the code's ½-MSE is evaluated at every grid point η = 0.001 + 0.1k ≤ 25; η̂ is its argmin.
// Against the closed forms of spec §5 (η*, L(η), L*; exact rationals, checked by C7):
//   (a) |η̂ − η*| ≤ 0.05 (half the grid step) + z·SE(η̃), η̃ = Σŷ(1)y/Σŷ(1)² the continuous in-sample minimiser and
//       SE its ratio-estimator (delta-method) standard error;
//   (b) |L_T(η̂) − L(η̂)| ≤ z·SE(L_T(η̂)), the in-sample loss against the population loss at the same η;
// with z = Φ⁻¹(1 − 0.05/8) (Bonferroni over 2 parts × 2 laws, two-sided). Reported beside it: the population gap
// L(η̂) − L*, what "close to L*" amounts to.
#include <cmath>

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include "core/random.hpp"
#include "properties/vonoswald2023/common.hpp"
#include "properties/vonoswald2023/population.hpp"
#include "properties/vonoswald2023/training.hpp"

namespace icl::vonoswald2023::c8 {

constexpr Index kD = 10, kN = 10;
constexpr double kGridStep = 0.1;  // the grid of grid_line_search

Evidence check(Context& ctx) {
  Evidence ev;
  const long T = ctx.budget("tasks");
  const double z = boost::math::quantile(boost::math::complement(boost::math::normal(), 0.05 / 8));
  std::string failed, certificate;
  for (const NamedLaw& law : {s_code(), s_paper()}) {
    const double a = law.law.name.find("1/2") != std::string::npos ? 0.5 : 1.0;
    Rng rng(ctx.seed(law.law.name));
    std::vector<double> y1(static_cast<size_t>(T)), y(static_cast<size_t>(T));
    auto stack = vo::gd_stack<double>(Mat<double>::Zero(1, kD), {1.0}, kN, vo::PForm::Paper);
    damage(stack, ctx.defect(), kN);
    for (long t = 0; t < T; ++t) {
      Mat<double> X(kD, kN), xq(kD, 1), W(1, kD);
      for (Index i = 0; i < X.size(); ++i) X(i) = rng.uniform(-a, a);
      for (Index i = 0; i < kD; ++i) xq(i) = rng.uniform(-a, a);
      for (Index i = 0; i < kD; ++i) W(i) = rng.normal();
      const Prompt<double> out = forward(stack, vo::regression_prompt<double>(X, W * X, xq, Mat<double>::Zero(1, 1)));
      y1[size_t(t)] = vo::predictions(out, kD)(0, 0);
      y[size_t(t)] = (W * xq)(0, 0);
    }
    const LineSearch scan = grid_line_search(y1, y);  // the code's scan: ½-MSE at every grid point
    const double eta_hat = scan.eta, best = scan.loss;
    // η̃ and its standard error; the loss at η̂ and its standard error.
    double syy = 0, sy1y = 0;
    for (long t = 0; t < T; ++t) syy += y1[size_t(t)] * y1[size_t(t)], sy1y += y1[size_t(t)] * y[size_t(t)];
    const double eta_tilde = sy1y / syy, mean_y1y1 = syy / double(T);
    double var_ratio = 0, var_loss = 0;
    for (long t = 0; t < T; ++t) {
      const double r = y1[size_t(t)] * (y[size_t(t)] - eta_tilde * y1[size_t(t)]);
      var_ratio += r * r / double(T - 1);
      const double l = 0.5 * (eta_hat * y1[size_t(t)] - y[size_t(t)]) * (eta_hat * y1[size_t(t)] - y[size_t(t)]);
      var_loss += (l - best) * (l - best) / double(T - 1);
    }
    const double se_eta = std::sqrt(var_ratio / double(T)) / mean_y1y1, se_loss = std::sqrt(var_loss / double(T));
    const ClosedForm cf(kD, kN, law, Defect{});
    const double eta_star = to_double(cf.eta_star()), L_star = to_double(cf.loss_star());
    const auto L = cf.loss_in_eta();
    const double L_hat = to_double(L[0]) + to_double(L[1]) * eta_hat + to_double(L[2]) * eta_hat * eta_hat;
    const double allowed_eta = kGridStep / 2 + z * se_eta;
    ev.note(law.law.name, fmt::format("η̂ = {:.3f} (η̃ = {:.4f} ± {:.4f}), η* = {} = {:.4f}, |η̂ − η*| = {:.4f} (allowed "
                                      "{:.4f}); in-sample ½-MSE at η̂ {:.5f} ± {:.5f}, population L(η̂) = {:.5f}, L* = {} = "
                                      "{:.5f}, L(η̂)/L* − 1 = {:.2e}",
                                      eta_hat, eta_tilde, se_eta, cf.eta_star().str(), eta_star,
                                      std::abs(eta_hat - eta_star), allowed_eta, best, se_loss, L_hat,
                                      cf.loss_star().str(), L_star, L_hat / L_star - 1));
    if (failed.empty() && std::abs(eta_hat - eta_star) > allowed_eta)
      failed = fmt::format("{}: the line search returns η̂ = {:.3f}, η* = {:.4f}: |η̂ − η*| = {:.4f} > {:.4f} (half the grid "
                           "step + {:.2f} SE)",
                           law.law.name, eta_hat, eta_star, std::abs(eta_hat - eta_star), allowed_eta, z);
    if (failed.empty() && std::abs(best - L_hat) > z * se_loss)
      failed = fmt::format("{}: in-sample loss at η̂ {:.5f} against the population L(η̂) = {:.5f}: {:.1f} SE", law.law.name,
                           best, L_hat, std::abs(best - L_hat) / se_loss);
    certificate += fmt::format("{}{}: η̂ − η* = {:+.4f}, L(η̂)/L* − 1 = {:.1e}", certificate.empty() ? "" : "; ",
                               law.law.name, eta_hat - eta_star, L_hat / L_star - 1);
    ev.cases += T;
  }
  ev.note("acceptance", fmt::format("z = {:.3f} (two-sided 5%, Bonferroni over 2 parts × 2 laws)", z));
  return decide(ev, failed, "the grid line search lands within half a grid step plus sampling error of η*: " + certificate,
                Verdict::HoldsNumerically);
}

const Registration row(family(),
    ClaimRow("C8", Kind::Empirical)
        .statement("The code's grid line search returns η̂ close to η* with loss close to L*")
        .source("reference code `scan_lrs`; §2.5")
        .uses({"K1"}, {"O7", "C7"})
        .arithmetic("double (sampled tasks); η*, L(η), L* exact", {"double", "exact"})
        .expect(Verdict::HoldsNumerically, "η̂ within half a grid step plus sampling error of η*, the population loss at η̂ "
                                           "within 10⁻³ relative of L*")
        .budget("tasks", Axis::Tasks, 10000, 10000)
        .rejects(defects::DropOneOverN)
        .hypothesis("d = N = 10, d_y = 1, W ~ N(0, I), W_0 = 0, S-code and S-paper inputs")
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c8
