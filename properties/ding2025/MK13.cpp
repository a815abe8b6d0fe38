// ding2025/MK13 — O-REC decides C.9 correctly: it recovers a preimage for realisable X and rejects X outside the
// image of φ.
//
// Ground truth, exact and independent of O-REC's eigen-decomposition: realisable by construction (X = φ(b, A) from
// rational weights, K2), otherwise c9_decision (matrix_view.hpp) in rationals; instances it leaves undecided are not
// counted.
#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "core/random.hpp"
#include "oracles/orec.hpp"
#include "properties/ding2025/family.hpp"
#include "properties/ding2025/matrix_view.hpp"

namespace icl::ding2025::mk13 {

std::string show(const Vec<Rational>& X) {
  std::string s;
  for (Index i = 0; i < X.size(); ++i) s += (i ? ", " : "") + X(i).str();
  return s;
}

struct Tally {
  long drawn = 0, decided = 0, agree = 0, recovered = 0, rejected = 0;
  double worst_residual = 0, seconds = 0;
  long runs = 0;
};

Evidence check(Context& ctx) {
  Evidence ev;
  const int per_kind = ctx.budget_int("instances");
  const bool plus_only = ctx.broken(defects::PlusCandidateOnly);
  const int bits = std::max(ctx.working_bits(), 170);  // ≥ 50 decimal digits
  const PrecisionScope precision(bits);
  Rng rng(ctx.seed("instances"));
  const char* kinds[] = {"realisable", "one entry perturbed", "columns from two different b",
                         "realisable with rank-one S^(j) (a_j ∥ b)"};
  std::string mismatch, timing;
  Tally total;
  for (Index d = 1; d <= 5; ++d) {
    Tally t;
    const Index dm = d * ding::pair_count(d);
    for (int kind = 0; kind < 4; ++kind) {
      if (kind == 2 && d == 1) continue;
      for (int k = 0; k < per_kind; ++k) {
        auto [b, A] = small_weights(rng, d);
        if (kind == 3)
          for (Index j = 0; j < d; ++j) A.col(j) = b * small_rational(rng);
        Vec<Rational> X = ding::phi<Rational>(b, A);
        std::optional<bool> truth = true;
        if (kind == 1) {
          const Index at = rng.integer(0, dm - 1);
          const Rational step(long(rng.integer(1, 9)), 10);
          X(at) += rng.integer(0, 1) ? step : Rational(-step);
          truth = c9_decision(X, d);
        } else if (kind == 2) {
          const auto [b2, A2] = small_weights(rng, d);
          const Vec<Rational> X2 = ding::phi<Rational>(b2, A2);
          const Index m = ding::pair_count(d);
          X.tail(dm - m) = X2.tail(dm - m);
          truth = c9_decision(X, d);
        } else if (const auto exact = c9_decision(X, d); exact && !*exact) {
          mismatch = fmt::format("d = {}: the exact decider rejects φ(b, A) itself", d);
        }
        ++t.drawn;
        if (!truth) continue;
        ++t.decided;
        Vec<Mpfr> Xm(dm);
        for (Index i = 0; i < dm; ++i) Xm(i) = from_rational<Mpfr>(X(i));
        const auto start = std::chrono::steady_clock::now();
        const auto rec = markov::o_rec(Xm, d, plus_only);
        t.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ++t.runs;
        bool ok = rec.recovered == *truth;
        if (rec.recovered) {
          ++t.recovered;
          // The recovered weights through the construction K2, not O-REC's own residual.
          const Vec<Mpfr> back = ding::phi<Mpfr>(rec.b, rec.A);
          const Mpfr scale = std::max(Mpfr(Xm.cwiseAbs().maxCoeff()), Mpfr(1));  // X = 0 is realisable too
          const double residual = to_double(Mpfr((back - Xm).cwiseAbs().maxCoeff() / scale));
          t.worst_residual = std::max(t.worst_residual, residual);
          ok = ok && residual <= std::ldexp(1.0, -bits / 2);
        } else {
          ++t.rejected;
        }
        t.agree += ok;
        if (!ok && mismatch.empty())
          mismatch = fmt::format("d = {}, {} X = ({}): exact decision {}, O-REC {} ({})", d, kinds[kind],
                                 show(X), *truth ? "realisable" : "not realisable",
                                 rec.recovered ? "recovered weights" : "rejected", rec.recovered ? "" : rec.reason);
      }
    }
    ev.note(fmt::format("d = {}", d),
            fmt::format("{} instances, {} decided exactly; O-REC agrees on {} ({} recovered, {} rejected); worst "
                        "recovered residual ‖φ(b, A) − X‖∞/‖X‖∞ = {:.2e}; {:.3f} ms per call",
                        t.drawn, t.decided, t.agree, t.recovered, t.rejected, t.worst_residual,
                        1e3 * t.seconds / std::max<long>(t.runs, 1)));
    total.drawn += t.drawn;
    total.decided += t.decided;
    total.agree += t.agree;
    total.recovered += t.recovered;
    total.rejected += t.rejected;
  }
  ev.cases = total.decided;
  ev.drawn = total.drawn;
  ev.qualified = total.decided;
  ev.precision_bits = bits;
  ev.note("instances", fmt::format("per d ∈ 1…5 and kind ({}), {} each; weights with entries in {{−6…6}}/{{1…4}}",
                                   "realisable; one entry of φ(b, A) moved by ±k/10; S^(1) from one (b, A) and the "
                                   "other S^(j) from another; a_j ∥ b",
                                   per_kind));
  if (!mismatch.empty()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = mismatch;
    return ev;
  }
  if (total.recovered == 0 || total.rejected == 0) {
    ev.inconclusive("the drawn instances did not exercise both outcomes");
    return ev;
  }
  ev.verdict = Verdict::HoldsNumerically;
  ev.certificate = fmt::format("O-REC at {} bits agrees with the exact decision on all {} decided instances ({} "
                               "recovered, each reproducing X through K2 within 2^-{} relative to max(‖X‖∞, 1); {} rejected)",
                               bits, total.decided, total.recovered, bits / 2, total.rejected);
  return ev;
}

const Registration row(family(),
    ClaimRow("MK13", Kind::Identity)
        .statement("O-REC decides C.9 correctly: recovers a preimage for realisable X and rejects X outside the image")
        .source("§2.7 / Appendix C (C.9)")
        .uses({"K2"}, {"O6"})
        .arithmetic("MPFR ≥ 170 bits (O-REC); exact rational (ground truth)", {"mpfr", "exact"})
        .expect(Verdict::HoldsNumerically, "rank ≤ 2 with one sign each, a shared b, and a_j forced by b (§2.3)")
        .budget("instances", Axis::Instances, 12, 2)
        .rejects(defects::PlusCandidateOnly)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk13
