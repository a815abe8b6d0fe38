// vonoswald2023/C3 — K stacked K1 layers equal K GD steps, including the notebook demo (K = 100).
#include <cmath>

#include <fmt/format.h>

#include "core/random.hpp"
#include "core/stopwatch.hpp"
#include "methods/ladder.hpp"
#include "properties/vonoswald2023/demo.hpp"
#include "properties/vonoswald2023/gd_stack.hpp"
#include "properties/vonoswald2023/tolerances.hpp"

namespace icl::vonoswald2023::c3 {

template <class S>
double relative_discrepancy(const std::pair<Mat<S>, Mat<S>>& tokens) {
  double num = 0, den = 0;
  for (Index i = 0; i < tokens.first.size(); ++i) {
    num = std::max(num, std::abs(to_double(S(tokens.first(i) - tokens.second(i)))));
    den = std::max(den, std::abs(to_double(tokens.second(i))));
  }
  return num / den;
}

// The demo exactly, on an MPFR ladder and in double; adds details and series to `ev` and returns false if a
// discrepancy contradicts the identity.
bool run_demo(const Context& ctx, Evidence& ev) {
  const Demo t = make_demo(ctx.seed("demo"));
  ctx.progress("C3 demo: exact K=100 forward pass");
  Stopwatch exact_clock;
  const auto exact = demo_tokens<Rational>(t, ctx.defect());
  const double exact_seconds = exact_clock.seconds();
  const bool exact_equal = exact.first == exact.second;
  std::uint64_t max_bits = 0;
  for (Index i = 0; i < exact.second.size(); ++i) max_bits = std::max(max_bits, exact.second(i).bits());
  ev.cases += 1;
  ev.note("demo d=12, d_y=8, N=45, η=1, K=100 (exact)",
          fmt::format("{}; {:.2f} s for construction + oracle, products through {}; largest entry {} bits",
                      exact_equal ? "all 1,180 token entries equal" : "DIFFERENT", exact_seconds,
                      exact::path_name(exact::product_path()), max_bits));

  // Stability fact of the spec: η λ_max(XX^T)/N < 2 keeps GD from diverging on this task.
  {
    const Mat<double> Xd = cast_matrix<double>(t.X);
    const Mat<double> H = Xd * Xd.transpose() / double(Demo::N);
    double lmax = 0;  // power iteration is enough for a reported statistic
    Vec<double> v = Vec<double>::Ones(Demo::d);
    for (int it = 0; it < 200; ++it) {
      v = H * v;
      lmax = v.norm();
      v /= lmax;
    }
    ev.note("demo η·λ_max(XX^T)/N", fmt::format("{:.3f} (< 2: GD contracts)", lmax));
  }

  // Rising precision: the discrepancy between construction and oracle must fall like 2^-bits, within u·ops per rung.
  const double ops = demo_ops(Demo::K, Demo::N, Demo::d + Demo::dy);
  bool within = true;
  std::string ladder;
  const check::Ladder l = check::precision_ladder(ctx.bits(), "demo discrepancy vs precision", [&] {
    const int bits = static_cast<int>(std::lround(-std::log2(ScalarTraits<Mpfr>::unit_roundoff())));
    ctx.progress(fmt::format("C3 demo: MPFR {} bits", bits));
    Stopwatch clock;
    const double disc = relative_discrepancy(demo_tokens<Mpfr>(t, ctx.defect()));
    const double tol = rounding_tolerance<Mpfr>(ops, 1.0);
    within = within && disc <= tol;
    ladder += fmt::format("{}{} bits: {:.3g} (tol {:.2g}, {:.2f} s)", ladder.empty() ? "" : "; ", bits, disc, tol, clock.seconds());
    return disc;
  }, ops);
  Stopwatch dclock;
  const double ddisc = relative_discrepancy(demo_tokens<double>(t, ctx.defect()));
  const double dtol = rounding_tolerance<double>(ops, 1.0);
  ev.note("demo MPFR ladder", ladder);
  ev.note("demo double", fmt::format("{:.3g} (tol {:.2g}, {:.3f} s)", ddisc, dtol, dclock.seconds()));
  ev.note("demo log2(discrepancy) per bit", fmt::format("{:.3f} ± {:.3f} (an identity gives −1)", l.fit.slope, l.fit.slope_se));
  ev.series.push_back(l.series);
  ev.series.back().y_label = "max relative discrepancy";
  return exact_equal && within && ddisc <= dtol;
}

Evidence check(Context& ctx) {
  Evidence ev = check::check_identity(ctx, GdStack{1, 8, GdStack::Compare::AllTokens, ctx.defect()});
  if (!run_demo(ctx, ev) && ev.verdict != Verdict::Refuted) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = "the notebook demo (d=12, d_y=8, N=45, K=100) differs exactly; see details";
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("C3", Kind::Identity)
        .statement("K stacked K1 layers (per-layer η_k allowed) equal K GD steps for all context residuals and the query "
                   "prediction; includes the code demo d = 12, d_y = 8, N = 45, η = 1, K = 100")
        .source("Prop. 1, §3 (stacking); notebook demo")
        .uses({"K2"}, {"O1"})
        .arithmetic("exact rational (K ≤ 8 and the K = 100 demo); MPFR ladder and double for the demo",
                    {"exact", "mpfr", "double"})
        .expect(Verdict::ProvedExactly,
                "by induction the label slot after k layers is y_i − (W_k − W_0)x_i, so each W_V computes W_k x_i − y_i")
        .budget("cases", Axis::Cases, 60, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::FlipValueSign, 0.5)
        .rejects_by_property(defects::QueryOnly, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c3
