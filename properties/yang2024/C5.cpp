// yang2024/C5 — for k > N, (Aᵀy)_k = λ̂ᵀz_k with penalty mτ (Theorem 2's ŷ* = Aᵀy); the three ridge solvers agree,
// for N < m, N = m, N > m.
#include <cmath>

#include <Eigen/SVD>

#include "methods/identity.hpp"
#include "oracles/ridge.hpp"
#include "properties/yang2024/family.hpp"
#include "properties/yang2024/ridge_forms.hpp"

namespace icl::yang2024::c5 {

constexpr int kQrBits = 256;

Evidence check(Context& ctx) {
  Evidence ev;
  Rng rng(ctx.seed("prompts"));
  std::string diff;
  double worst_qr = 0, worst_allowed = 0;
  long shapes[3] = {0, 0, 0};
  const int instances = ctx.budget_int("prompts");
  const PrecisionScope bits(kQrBits);
  for (int t = 0; t < instances && diff.empty(); ++t) {
    const Index m = 1 + t % 5, N = 1 + (t / 5) % 7;
    const Instance in = draw_instance(rng, m, N, N + 3, t % 2 ? Rational(1, 10) : Rational(1, 100));
    const PromptDraw p = draw_prompt(in, rng);
    ++shapes[N < m ? 0 : N == m ? 1 : 2];
    const Rational rho = ctx.broken(defects::PenaltyNTau) ? Rational(long(N)) * in.tau : m_tau(in);
    const Vec<Rational> pred = A_with_penalty(in, rho).transpose() * p.y;
    const Vec<Rational> dual = ridge_dual(in, p.y), primal = oracle::ridge_primal(in.Z(), p.y, m_tau(in));
    if (dual != primal) {
      diff = fmt::format("{}, Z = {}, y = {}: dual ZG⁻¹y = {} but primal (ZZᵀ + mτI)⁻¹Zy = {}", in.str(),
                         check::show(in.Z()), check::show(p.y), check::show(dual), check::show(primal));
      break;
    }
    for (Index k = N; k < in.K() && diff.empty(); ++k)
      if (pred(k) != in.Z_all.col(k).dot(primal))
        diff = fmt::format("{}, Z_all = {}, y = {}: (Aᵀy)_{} = {} but λ̂ᵀz_{} = {}", in.str(), check::show(in.Z_all),
                           check::show(p.y), k + 1, pred(k).str(), k + 1, in.Z_all.col(k).dot(primal).str());
    // QR in MPFR: relative error within (m + N)·κ₂ units of 2^-bits, κ₂ of the stacked system (computed in double).
    const Vec<Mpfr> qr = oracle::ridge_qr(in.Z(), p.y, m_tau(in));
    Mat<double> S(N + m, m);
    S << cast_matrix<double>(Mat<Rational>(in.Z().transpose())), std::sqrt(to_double(m_tau(in))) * Mat<double>::Identity(m, m);
    const Eigen::JacobiSVD<Mat<double>> svd(S);
    const double kappa = svd.singularValues()(0) / svd.singularValues()(m - 1);
    const double allowed = double(m + N) * kappa * kappa * std::ldexp(1.0, -kQrBits + 4);
    double err = 0, scale = 0;
    for (Index a = 0; a < m; ++a) {
      err = std::max(err, std::abs(to_double(Mpfr(qr(a) - from_rational<Mpfr>(primal(a))))));
      scale = std::max(scale, std::abs(to_double(primal(a))));
    }
    const double rel = scale > 0 ? err / scale : err;
    worst_qr = std::max(worst_qr, rel / allowed);
    worst_allowed = std::max(worst_allowed, allowed);
    if (rel > allowed && diff.empty())
      diff = fmt::format("{}: QR at {} bits differs from the exact ridge by {:.3g} relative (allowed {:.3g})", in.str(),
                         kQrBits, rel, allowed);
    ++ev.cases;
  }
  ev.note("shapes", fmt::format("N < m: {}, N = m: {}, N > m: {} prompts", shapes[0], shapes[1], shapes[2]));
  ev.note("QR path", fmt::format("Householder QR on [Zᵀ; √(mτ)I] at {} bits: worst relative error {:.2g} of its "
                                 "allowance (n·κ²·2^(4−bits), at most {:.2g})",
                                 kQrBits, worst_qr, worst_allowed));
  ev.precision_bits = kQrBits;
  return decide(ev, diff, fmt::format("(Aᵀy)_k = λ̂ᵀz_k exactly for every k > N and dual = primal exactly on {} prompts; "
                                      "QR within its rounding allowance",
                                      ev.cases));
}

const Registration row(family(),
    ClaimRow("C5", Kind::Identity)
        .statement("For k > N, (Aᵀy)_k = λ̂ᵀz_k with penalty mτ (Theorem 2's ŷ* = Aᵀy); the three ridge solvers agree, "
                   "for N < m, N = m, N > m")
        .source("Theorem 2")
        .uses({}, {"O3"})
        .arithmetic("exact rational; MPFR (QR)", {"exact", "mpfr"})
        .expect(Verdict::ProvedExactly, "push-through identity Z(ZᵀZ + mτI)⁻¹ = (ZZᵀ + mτI)⁻¹Z")
        .budget("prompts", Axis::Instances, 35, 1)
        .rejects(defects::PenaltyNTau)
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c5
