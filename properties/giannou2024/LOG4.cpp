// giannou2024/LOG4 — the damped-Newton step size and the Newton direction of g = f/(4μ).
#include <fmt/format.h>

#include "core/random.hpp"
#include "properties/giannou2024/tolerances.hpp"
#include "properties/giannou2024/exact_common.hpp"

namespace icl::giannou2024::log4 {

// ---- LOG4 (exact part): the Newton direction and decrement of g = f/(4μ) ----
struct DecrementScaling {
  Defect defect;
  struct Shape {
    int d;
    std::string str() const { return dims({{"d", d}}); }
  };
  Shape random_shape() const { return {pick_dim(1, 4)}; }
  std::vector<Shape> certificate_shapes() const { return {{1}, {3}}; }
  // Over the rationals with a gradient b and Hessian H = μI + CᵀC (SPD): ∇g = b/(4μ), ∇²g = H/(4μ).
  // Residuals: direction_g − direction_f, and λ_g² − λ_f²/(4μ); multiplied by det-free denominators
  // through exact solves.
  Mat<Rational> residual(const Shape& s, check::RcSource& src) const { return exact(s, src); }
  Mat<Rational> residual(const Shape& s, check::UniformSource& src) const { return exact(s, src); }
  Mat<Degree> residual(const Shape& s, check::DegreeSource&) const {  // rational functions: degree not tracked
    return Mat<Degree>::Zero(s.d + 1, 1);
  }
  template <class Src>
  Mat<Rational> exact(const Shape& s, Src& src) const {
    const Rational root = src.nonzero("√μ");
    const Rational mu = root * root;
    const Mat<Rational> b = src.matrix(s.d, 1, "∇f"), C = src.matrix(s.d, s.d, "C");
    const Mat<Rational> H = mu * Mat<Rational>::Identity(s.d, s.d) + C.transpose() * C;
    const Mat<Rational> dir_f = oracle::flint_solve(H, b);
    const Mat<Rational> dir_g = oracle::flint_solve(Mat<Rational>(H / (4 * mu)), Mat<Rational>(b / (4 * mu)));
    const Rational lf2 = b.col(0).dot(dir_f.col(0));
    const Rational lg2 = (b / (4 * mu)).col(0).dot(dir_g.col(0));
    Mat<Rational> r(s.d + 1, 1);
    r.topRows(s.d) = dir_g - dir_f;
    r(s.d, 0) = lg2 - lf2 / (defect == defects::WrongFormula ? 2 * mu : 4 * mu);
    return r;
  }
};


Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev = check::check_identity(ctx, DecrementScaling{defect});
  ev.bound.reset();
  ev.bound_label.clear();
  ev.certificate = "exact rational solves at every case (FLINT); rational functions, so no degree certificate";
  // η: 1/(1 + λ_g) = 2√μ/(2√μ + λ_f) with λ_g = λ_f/(2√μ), in MPFR at rising precision.
  Rng rng = ctx.rng("eta");
  const int draws = ctx.budget_int("η draws");
  Series ladder{"LOG4 |1/(1+λ_g) − 2√μ/(2√μ+λ_f)| vs precision", "bits", "max discrepancy", {}, {}};
  for (int bits : {ctx.bits() / 2, ctx.bits(), 2 * ctx.bits(), 4 * ctx.bits()}) {
    PrecisionScope scope(bits);
    double worst = 0;
    for (int t = 0; t < draws; ++t) {
      const Mpfr mu = Mpfr(rng.integer(1, 1000)) / 1000, lf = Mpfr(rng.integer(0, 100000)) / 1000;
      const Mpfr root = sqrt(mu), lg = lf / (2 * root);
      worst = std::max(worst, std::abs(to_double(Mpfr(1 / (1 + lg) - 2 * root / (2 * root + lf)))));
    }
    ladder.x.push_back(scope.bits());
    ladder.y.push_back(worst);
  }
  ev.note(fmt::format("η forms in MPFR ({} random (μ, λ_f) per precision)", draws),
          fmt::format("max discrepancy {:.3g} at {} bits … {:.3g} at {} bits", ladder.y.front(), ladder.x.front(),
                      ladder.y.back(), ladder.x.back()));
  const bool falls = ladder.y.back() <= ladder.y.front() * std::exp2(-kMinFallPerBit * (ladder.x.back() - ladder.x.front()));
  ev.series.push_back(ladder);
  if (ev.verdict == Verdict::ProvedExactly && !falls) {
    ev.verdict = Verdict::Inconclusive;
    ev.note("η forms", "discrepancy does not fall with precision");
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("LOG4", Kind::Identity)
        .statement("η = 1/(1 + λ_g) = 2√μ/(2√μ + λ_f); the Newton direction is the same for f and g")
        .source("§5 (damped Newton on g = f/(4μ))")
        .uses({"—"}, {"O5"})
        .arithmetic("exact rational; MPFR", {"exact", "mpfr"})
        .expect(Verdict::ProvedExactly,
                "∇g = ∇f/(4μ) and ∇²g = ∇²f/(4μ), so λ_g = λ_f/(2√μ)")
        .budget("cases", Axis::Cases, 100)
        .budget("η draws", Axis::Instances, 50)
        .rejects_by_property(defects::WrongFormula, 0.2)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::log4
