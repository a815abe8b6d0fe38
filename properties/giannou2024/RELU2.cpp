// giannou2024/RELU2 — ReLU staircases approximate monotone maps within ε with the stated ReLU counts, certified in Arb.
#include <functional>

#include "constructions/giannou2024/logistic_network.hpp"
#include "properties/giannou2024/certified_common.hpp"

namespace icl::giannou2024::relu2 {

namespace gi = icl::giannou;

template <class S>
S curvature(const S& z) {
  using std::exp;
  const S e = exp(z);
  return e / ((S(1) + e) * (S(1) + e));
}
template <class S>
S sigmoid(const S& z) {
  using std::exp;
  return S(1) / (S(1) + exp(-z));
}
template <class S>
S log2p(const S& z) {  // log₂(1 + z) on [0, 1]: monotone, range exactly 1
  using std::log;
  return log(S(1) + z) / log(S(2));
}
template <class S>
S step_size(const S& z) {  // 2√μ/(2√μ + √z), μ = 1/10
  using std::sqrt;
  const S r = S(2) * sqrt(S(1) / S(10));
  return r / (r + sqrt(z));
}

// A staircase network read back from its MLP: pairs Δ·relu(w x + b) − Δ·relu(w x + b₂) (b₂ ≈ b − 1 as stored).
// Evaluated at increasing points by a sweep: a pair whose second kink −b₂/w lies certainly below x is saturated
// and contributes Δ(b − b₂) exactly; a pair whose first kink −b/w lies certainly above x is idle; only the rest
// are computed. The kinks are certified increasing, which makes skipping idle pairs exact.
struct StairNet {
  Ball bias;
  std::vector<Ball> w, b, b2, delta, lower_kink, upper_kink, prefix;  // prefix[j] = Σ_{i<j} Δ_i(b_i − b₂_i)
  bool well_formed = true;
  static Ball relu(const Ball& a) {
    Ball r;
    arb_max(r.get(), a.get(), Ball(0).get(), Ball::precision());
    return r;
  }
  std::vector<Ball> sweep(const std::vector<Ball>& xs) const {
    std::vector<Ball> out;
    size_t first = 0;  // pairs before `first` are saturated at the current x
    for (const Ball& x : xs) {
      while (first < w.size() && upper_kink[first].certainly_below(x)) ++first;
      Ball v = bias + prefix[first];
      for (size_t j = first; j < w.size() && !x.certainly_below(lower_kink[j]); ++j)
        v += delta[j] * (relu(w[j] * x + b[j]) - relu(w[j] * x + b2[j]));
      out.push_back(v);
    }
    return out;
  }
};

inline StairNet stair_net(const MlpBlock<Mpfr>& m) {
  StairNet n;
  n.bias = to_ball(m.b2(1));
  n.prefix.push_back(Ball(0));
  for (Index u = 0; u + 1 < m.W1.rows(); u += 2) {
    n.w.push_back(to_ball(m.W1(u, 0)));
    n.b.push_back(to_ball(m.b1(u)));
    n.b2.push_back(to_ball(m.b1(u + 1)));
    n.delta.push_back(to_ball(m.W2(1, u)));
    n.lower_kink.push_back(-n.b.back() / n.w.back());
    n.upper_kink.push_back(-n.b2.back() / n.w.back());
    n.prefix.push_back(n.prefix.back() + n.delta.back() * (n.b.back() - n.b2.back()));
    // A pair shares its input weight and has opposite output weights (both stored exactly).
    n.well_formed = n.well_formed && m.W1(u + 1, 0) == m.W1(u, 0) && m.W2(1, u + 1) == -m.W2(1, u) &&
                    Ball(0).certainly_below(n.w.back());
  }
  for (size_t j = 0; j < n.w.size(); ++j) {
    n.well_formed = n.well_formed && n.lower_kink[j].certainly_below(n.upper_kink[j]);
    if (j > 0)
      n.well_formed = n.well_formed && n.lower_kink[j - 1].certainly_below(n.lower_kink[j]) &&
                      n.upper_kink[j - 1].certainly_below(n.upper_kink[j]);
  }
  return n;
}

struct StairFunction {
  const char* name;
  std::function<Mpfr(const Mpfr&)> h;
  std::function<Ball(const Ball&)> h_ball;
  std::vector<std::pair<double, double>> pieces;  // monotone intervals
  double budget_per_eps;                          // the claim: ReLUs ≤ budget/ε
};

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.precision_bits = ctx.working_bits();
  const std::vector<StairFunction> functions{
      {"log₂(1+z) on [0,1] (range 1)", log2p<Mpfr>, log2p<Ball>, {{0, 1}}, 2},
      {"e^z/(1+e^z)² on [−8,8]", curvature<Mpfr>, curvature<Ball>, {{-8, 0}, {0, 8}}, 4},
      {"sigmoid on [−8,8]", sigmoid<Mpfr>, sigmoid<Ball>, {{-8, 8}}, 2},
      {"2√μ/(2√μ+√z) on [0,40], μ=1/10", step_size<Mpfr>, step_size<Ball>, {{0, 40}}, 2},
  };
  Tally sup;
  std::string counts, count_failure;
  bool ok_kinks = true;
  double max_pointwise = 0;  // largest |h − ĥ|/ε seen at the evaluation points
  for (const auto& fn : functions) {
    for (double eps : {0.1, 0.01, 0.001}) {
      Index relus = 0;
      for (const auto& [lo, hi] : fn.pieces) {
        auto st = gi::staircase<Mpfr>(fn.h, Mpfr(lo), Mpfr(hi), Mpfr(eps));
        if (defect == defects::WrongHeights)
          for (auto& height : st.heights) height *= Mpfr(1.05);
        relus += st.relus();
        // The built network: one input row, one output row, the staircase's units with their stored weights.
        gi::MlpBuilder<Mpfr> builder(2);
        gi::add_staircase<Mpfr>(builder, st, 0, 1, true);
        const StairNet net = stair_net(builder.build());
        ok_kinks = ok_kinks && net.well_formed;
        // Points: every knot and three between consecutive knots. On [s, s'] both h and the network are monotone
        // in the same direction, so sup |h − ĥ| ≤ max(|h(s') − ĥ(s)|, |ĥ(s') − h(s)|).
        std::vector<Ball> pts;
        for (size_t j = 0; j + 1 < st.knots.size(); ++j)
          for (int q = 0; q < 4; ++q) pts.push_back(to_ball(Mpfr(st.knots[j] + (st.knots[j + 1] - st.knots[j]) * q / 4)));
        pts.push_back(to_ball(st.knots.back()));
        const std::vector<Ball> out = net.sweep(pts);
        for (size_t c = 0; c + 1 < pts.size(); ++c) {
          const Ball h0 = fn.h_ball(pts[c]), h1 = fn.h_ball(pts[c + 1]);
          // Upper bound of the sup on [s, s'] (monotone argument); a lower bound is the error at the point s'.
          const Ball err = hull(abs(h1 - out[c]), abs(out[c + 1] - h0));
          const Ball at_point = abs(h1 - out[c + 1]);
          const Ball e(eps);
          sup.add(upper_point(err), e, lower_point(at_point), e,
                  fmt::format("{}, ε={:g}: |h − ĥ| > ε at x = {:.6g}", fn.name, eps, pts[c + 1].mid()));
          max_pointwise = std::max(max_pointwise, at_point.mid() / eps);
        }
      }
      const long budget = std::lround(fn.budget_per_eps / eps);  // 2⌈1/ε⌉, 4/ε, 2/ε for these ε
      if (relus > budget && count_failure.empty())
        count_failure = fmt::format("{}, ε={:g}: {} ReLUs > {}", fn.name, eps, relus, budget);
      ++ev.cases;
      counts += fmt::format("{}{} ε={:g}: {} ReLUs (budget {})", counts.empty() ? "" : "; ", fn.name, eps, relus, budget);
    }
  }
  ev.verdict = Verdict::Inconclusive;
  conclude(ev, sup, "sup |h − ĥ| < ε between consecutive points (the built network in Arb; monotone-interval argument)");
  ev.note("largest pointwise error at the evaluation points",
          fmt::format("{:.3f}·ε: the ramps interpolate h at the knots, so the true sup error is the interpolation error, "
                      "well below ε",
                      max_pointwise));
  ev.note("ReLU counts (budgets 2⌈1/ε⌉ for range ≤ 1, 4/ε for e^z/(1+e^z)², 2/ε for sigmoid and step size)", counts);
  if (!count_failure.empty()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = count_failure;
  }
  ev.note("evaluation", fmt::format("each ramp pair Δ·relu(wx + b) − Δ·relu(wx + b₂) with its stored weights; the stored "
                                    "kinks −b/w < −b₂/w are certified increasing ({}), which makes the sweep exact",
                                    ok_kinks ? "yes" : "NO"));
  if (!ok_kinks && ev.verdict == Verdict::Certified) ev.verdict = Verdict::Inconclusive;
  if (ev.verdict == Verdict::Certified)
    ev.certificate = "Arb enclosures of h and of the built network (stored weights) at knots and sub-points";
  return ev;
}

const Registration row(family(),
    ClaimRow("RELU2", Kind::Inequality)
        .statement("K6: monotone h with range length ≤ 1 is ε-approximated in sup norm by 2⌈1/ε⌉ ReLUs; "
                    "e^z/(1+e^z)² needs 4/ε; sigmoid and the step-size map need 2/ε")
        .source("K6 (staircase lemma of §5)")
        .uses({"K6"}, {"direct"})
        .arithmetic("Arb", {"arb"})
        .expect(Verdict::Certified,
                "between knots both h and its ramp stay within one step of height ≤ ε; two ReLUs per step")
        .rejects(defects::WrongHeights)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::relu2
