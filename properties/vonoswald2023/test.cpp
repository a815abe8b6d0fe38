// von Oswald family: facts about the checks themselves (the broken variants are run from the rows by test_main).
#include <doctest/doctest.h>

#include "core/context.hpp"
#include "properties/families.hpp"

TEST_SUITE("vonoswald2023;unit;exact") {
  TEST_CASE("the certificate's degree is read off the construction: one K1 layer has degree 5") {
    const icl::Claim* c1 = icl::find_claim("vonoswald2023/C1");
    REQUIRE(c1 != nullptr);
    icl::RunConfig cfg;
    cfg.cases = 5;
    const icl::Outcome out = icl::run_check(*c1, cfg);
    REQUIRE(out.evidence.verdict == icl::Verdict::ProvedExactly);
    CHECK(out.evidence.certificate.find("D=5,") != std::string::npos);
  }
}

#include "properties/vonoswald2023/population.hpp"

// The Monte Carlo path on its own (the exact part set aside) against a correct and a wrong formula: it must accept the
// one and reject the other at its derived acceptance, so a widened acceptance cannot go unnoticed.
TEST_SUITE("vonoswald2023;unit;double") {
  TEST_CASE("Monte Carlo alone accepts the population formula and rejects a wrong kurtosis and a missing half") {
    using namespace icl::vonoswald2023;
    const NamedLaw law = s_paper();
    const ClosedForm right(10, 10, law, icl::Defect{}), kurtosis(10, 10, law, defects::WrongKurtosis),
        half(10, 10, law, defects::DropHalf);
    const double eta = icl::to_double(right.eta_star());
    const auto est = pop::one_step_loss_mc(10, 10, law.law, {{eta, 1, 1}}, 200000, 99)[0];
    const auto z = [&](const ClosedForm& f) {
      const auto c = f.loss_in_eta();
      const double value = icl::to_double(c[0]) + icl::to_double(c[1]) * eta + icl::to_double(c[2]) * eta * eta;
      return std::abs(est.mean - value) / est.se;
    };
    const double sigmas = mc_sigmas(1);
    CHECK(z(right) < sigmas);
    CHECK(z(kurtosis) > sigmas);
    CHECK(z(half) > sigmas);
  }
}

#include "constructions/attention.hpp"
#include "core/finite_difference.hpp"
#include "core/random.hpp"
#include "properties/vonoswald2023/lsa_model.hpp"
#include "training/gradient_check.hpp"

namespace {

using namespace icl;
using namespace icl::vonoswald2023;

// A small model and batch in MPFR: d = 3, N = 4, 3 tasks, key size D = 4, weights N(0, 0.6²).
LsaModel<Mpfr> small_model(Rng& rng, Index layers, Index heads, bool tied, bool softmax, bool clip,
                           bool layer_norm = false) {
  const Index D = 4;
  LsaModel<Mpfr> m;
  m.layers = layers;
  m.tied = tied;
  m.softmax = softmax;
  m.clip = clip;
  m.layer_norm = layer_norm;
  const auto gaussian = [&](Index r, Index c) {
    Mat<Mpfr> w(r, c);
    for (Index i = 0; i < w.size(); ++i) w(i) = Mpfr(0.6 * rng.normal());
    return w;
  };
  for (Index l = 0; l < (tied ? 1 : layers); ++l) {
    m.blocks.emplace_back();
    for (Index h = 0; h < heads; ++h) m.blocks.back().push_back({gaussian(D, D), gaussian(D, D), gaussian(D, D), gaussian(D, D)});
    if (m.norm_at(l)) {  // (γ, β) away from their init (1, 0), so that every term of LN's backward matters
      m.blocks.back().front().ln_scale = Mat<Mpfr>::Ones(D, 1) + gaussian(D, 1);
      m.blocks.back().front().ln_offset = gaussian(D, 1);
    }
  }
  return m;
}

TokenBatch<Mpfr> small_batch(Rng& rng, double scale) {
  TokenBatch<Mpfr> z;
  z.N = 4;
  z.C.resize(4, 12);
  z.Q.resize(4, 3);
  for (Index i = 0; i < z.C.size(); ++i) z.C(i) = Mpfr(scale * rng.uniform(-1, 1));
  for (Index i = 0; i < z.Q.size(); ++i) z.Q(i) = Mpfr(i % 4 == 3 ? 0.0 : scale * rng.uniform(-1, 1));
  return z;
}

training::GradientCheck model_gradient_check(LsaModel<Mpfr>& m, const TokenBatch<Mpfr>& z, const Vec<Mpfr>& y, double wrong) {
  std::vector<HeadBlock<Mpfr>> g;
  loss_and_gradient(m, z, y, &g);
  std::vector<Mat<Mpfr>*> ws;
  std::vector<const Mat<Mpfr>*> ds;
  for (size_t b = 0; b < m.blocks.size(); ++b)
    for (size_t h = 0; h < m.blocks[b].size(); ++h) {
      m.blocks[b][h].for_each([&](Mat<Mpfr>& w) { ws.push_back(&w); });
      g[b][h].for_each([&](Mat<Mpfr>& w) { ds.push_back(&w); });
    }
  REQUIRE(ws.size() == ds.size());
  return training::check_gradient_sampled(ws, ds, 2, 1, wrong, [&] { return loss_and_gradient<Mpfr>(m, z, y, nullptr); });
}

}  // namespace

// O7's gradient: the batched model's backpropagation against MPFR central differences of its own loss, for linear and
// softmax attention, tied and untied, several heads, and with token clipping active; a gradient off by a factor (the
// batch's 1/B applied twice) is caught by the same check.
TEST_SUITE("vonoswald2023;unit;mpfr") {
  TEST_CASE("the LSA trainer's gradient agrees with MPFR central differences, and a gradient off by 1/B does not") {
    const PrecisionScope bits(kCentralDifferenceBits);
    Rng rng(20230607);
    struct Case {
      Index layers, heads;
      bool tied, softmax, clip;
      double scale;
      Index softmax_layers = 0;  // C22's softmax-then-linear stack
      bool layer_norm = false;   // C36's pre-attention LayerNorm
    };
    for (const Case c : {Case{1, 1, true, false, false, 1}, Case{2, 2, false, false, false, 1}, Case{2, 1, true, true, false, 1},
                         Case{3, 2, false, true, false, 1}, Case{2, 1, false, false, true, 3}, Case{2, 1, false, false, false, 1, 1},
                         Case{1, 1, true, false, false, 1, 0, true}, Case{2, 2, true, false, false, 1, 0, true},
                         Case{3, 2, false, false, false, 1, 0, true}, Case{2, 1, true, true, false, 1, 0, true}}) {
      CAPTURE(c.layers);
      CAPTURE(c.heads);
      CAPTURE(c.softmax);
      CAPTURE(c.softmax_layers);
      CAPTURE(c.layer_norm);
      LsaModel<Mpfr> m = small_model(rng, c.layers, c.heads, c.tied, c.softmax, c.clip, c.layer_norm);
      m.softmax_layers = c.softmax_layers;
      TokenBatch<Mpfr> z = small_batch(rng, c.scale);
      if (c.clip) {  // shrink the tokens until the clip changes a prediction that is itself unclipped
        LsaModel<Mpfr> open = m;
        open.clip = false;
        bool active = false;
        for (int k = 0; k < 200 && !active; ++k) {
          const Vec<Mpfr> a = predict(m, z), b = predict(open, z);
          for (Index t = 0; t < a.size(); ++t) active = active || (a(t) != b(t) && abs(a(t)) < Mpfr(10));
          if (!active) z.C *= Mpfr(0.98), z.Q *= Mpfr(0.98);
        }
        REQUIRE(active);
      }
      if (c.layer_norm) {  // the LayerNorm is in the forward pass (so its (γ, β) gradients are not trivially 0)
        LsaModel<Mpfr> plain = m;
        plain.layer_norm = false;
        CHECK(to_double(Mpfr((predict(m, z) - predict(plain, z)).cwiseAbs().maxCoeff())) > 1e-3);
      }
      Vec<Mpfr> y(3);
      for (Index b = 0; b < 3; ++b) y(b) = Mpfr(rng.normal());
      const auto right = model_gradient_check(m, z, y, 1);
      CHECK_MESSAGE(right.passed(), right.describe());
      const auto wrong = model_gradient_check(m, z, y, 1.0 / 3);
      CHECK_MESSAGE(!wrong.passed(), wrong.describe());
    }
  }

  TEST_CASE("the implicit model ∂ŷ/∂x_test of the trainer agrees with MPFR central differences") {
    const PrecisionScope bits(kCentralDifferenceBits);
    Rng rng(7);
    for (const auto& [softmax, ln] : {std::pair{false, false}, {true, false}, {false, true}}) {
      const bool layer_norm = ln;  // a copy: a structured binding cannot be captured in C++17
      CAPTURE(layer_norm);
      LsaModel<Mpfr> m = small_model(rng, 2, 2, layer_norm, softmax, false, layer_norm);  // LN: tied, every layer
      TokenBatch<Mpfr> z = small_batch(rng, 1);
      const Mat<Mpfr> g = query_gradient(m, z);
      const Mpfr h = ldexp(Mpfr(1), -80);
      Mpfr worst(0), largest(0);
      for (Index b = 0; b < z.tasks(); ++b)
        for (Index k = 0; k < 3; ++k) {
          const Mpfr keep = z.Q(k, b);
          z.Q(k, b) = keep + h;
          const Mpfr up = predict(m, z)(b);
          z.Q(k, b) = keep - h;
          const Mpfr down = predict(m, z)(b);
          z.Q(k, b) = keep;
          const Mpfr fd = (up - down) / (2 * h);
          worst = std::max(worst, Mpfr(abs(fd - g(k, b))));
          largest = std::max(largest, Mpfr(abs(fd)));
        }
      CHECK(to_double(worst / largest) <= std::ldexp(1.0, -100));
    }
  }
}

// C22's sensitivity (§7) against central differences of the construction's softmax layer (constructions/attention, not
// the trainer's code) applied to each task's prompt; the same sensitivity of a linear first layer is not it.
TEST_SUITE("vonoswald2023;unit;mpfr") {
  TEST_CASE("the first layer's token sensitivity agrees with central differences of the construction layer") {
    const PrecisionScope bits(kCentralDifferenceBits);
    Rng rng(22);
    LsaModel<Mpfr> m = small_model(rng, 2, 1, false, false, false);
    m.softmax_layers = 1;
    TokenBatch<Mpfr> z = small_batch(rng, 1);
    const Index N = z.N, D = z.Q.rows(), B = z.tasks();
    const Mat<Mpfr> sens = first_layer_sensitivity(m, z);
    REQUIRE(sens.rows() == N - 1);
    REQUIRE(sens.cols() == N);
    const auto& w = m.blocks[0][0];
    const SoftmaxLayer<Mpfr> layer{{{w.WK, w.WQ, w.WV, w.P}}, Mpfr(1) / sqrt(Mpfr(double(D))), KeySet::Context};
    const Mpfr h = central_difference_step();
    Mpfr worst(0), largest(0);
    for (Index k = 0; k + 1 < N; ++k)
      for (Index j = 0; j < N; ++j) {
        Vec<Mpfr> mean = Vec<Mpfr>::Zero(D);
        for (Index b = 0; b < B; ++b) {
          Prompt<Mpfr> p;
          p.Z.resize(D, N + 1);
          p.Z << z.C.middleCols(b * N, N), z.Q.col(b);
          p.n_context = N;
          for (Index c = 0; c < D; ++c)
            mean(c) += central_difference(p.Z(c, j), h, [&] { return Mpfr(forward(layer, p).Z.col(k).sum()); }) / Mpfr(double(B));
        }
        worst = std::max(worst, Mpfr(abs(mean.norm() - sens(k, j))));
        largest = std::max(largest, Mpfr(mean.norm()));
      }
    CHECK(to_double(worst / largest) <= std::ldexp(1.0, -100));
    m.softmax_layers = 0;  // a linear first layer: another function
    CHECK(to_double(Mpfr((first_layer_sensitivity(m, z) - sens).cwiseAbs().maxCoeff() / largest)) > 1e-3);
  }
}

// The trainer's double softmax at scores far beyond exp's range: finite, and MPFR's to rounding.
TEST_SUITE("vonoswald2023;unit;double") {
  TEST_CASE("the LSA trainer's softmax attention at scores beyond ±700 matches MPFR") {
    Rng rng(11);
    LsaModel<Mpfr> big;
    {
      const PrecisionScope bits(256);
      big = small_model(rng, 1, 2, true, true, false);
      for (auto& h : big.blocks[0]) h.WQ *= Mpfr(400);
    }
    const PrecisionScope bits(256);
    const TokenBatch<Mpfr> z = small_batch(rng, 3);
    const Vec<Mpfr> exact = predict(big, z);
    LsaModel<double> m;
    m.softmax = true;
    m.tied = true;
    m.blocks.emplace_back();
    for (const auto& h : big.blocks[0])
      m.blocks[0].push_back({h.WK.unaryExpr([](const Mpfr& x) { return to_double(x); }),
                             h.WQ.unaryExpr([](const Mpfr& x) { return to_double(x); }),
                             h.WV.unaryExpr([](const Mpfr& x) { return to_double(x); }),
                             h.P.unaryExpr([](const Mpfr& x) { return to_double(x); })});
    const TokenBatch<double> zd{z.N, z.C.unaryExpr([](const Mpfr& x) { return to_double(x); }),
                                z.Q.unaryExpr([](const Mpfr& x) { return to_double(x); })};
    const Vec<double> y = predict(m, zd);
    REQUIRE(y.allFinite());
    for (Index b = 0; b < y.size(); ++b)
      CHECK(std::abs(y(b) - to_double(exact(b))) <= 1e-9 * std::max(1.0, std::abs(to_double(exact(b)))));
  }
}

#include "properties/vonoswald2023/deep.hpp"

TEST_SUITE("vonoswald2023;unit;double") {
  TEST_CASE("the K-step GD++ baselines of deep.hpp agree with O2 and their Jacobians with central differences, at any shape") {
    // The claims run the compile-time shape d = N = 10; here the general one (d = 3, N = 5) and that one.
    using namespace icl;
    using namespace icl::vonoswald2023;
    for (const auto& [d, N] : {std::pair<Index, Index>{3, 5}, {10, 10}}) {
      Rng rng(7 + uint64_t(d));
      const Tasks t = draw_tasks(rng, TaskLaw{d, N, 0.5}, 64);
      const StepParameters p{{0.9, 1.4, 2.0}, {0.3, 0.1, 0.05}};
      CHECK(relative_difference(gdpp_untied(t, p, false), o2_steps(t, p)) <= 1e-12);
      CHECK(jacobian_error(t, p, false, Tying::PerStep) <= kJacobianAgreement);
      CHECK(jacobian_error(t, tied_steps(3, 1.1, 0.2), false, Tying::Tied) <= kJacobianAgreement);
      // A Jacobian with one column 0.1% off is caught, whatever the differences' error estimate discounts.
      Mat<double> J;
      gdpp_untied(t, p, false, &J);
      J.col(4) *= 1.001;
      CHECK(jacobian_error(J, t, p, false, Tying::PerStep) > 10 * kJacobianAgreement);
      // 12 clipped steps whose late η_k grow to 10⁶, as C33(b)'s fit finds: here the extrapolated differences with
      // their error estimate hold (a single central difference at h = 10⁻⁶ relative erred by 1.2·10⁻⁴ of a column at
      // C33(b)'s fit; there, with other seeds, the clip's kinks also fall within the steps, so C33 checks at the start).
      const StepParameters steep{{6, 80, 50, 30, 100, 300, 1e3, 3e3, 1e4, 3e4, 1e5, 1e6},
                                 {0.2, 0.15, 0.1, 0.1, 0.05, 0.05, 0.02, 0.02, 0.01, 0.01, 0.01, 0.01}};
      CHECK(jacobian_error(t, steep, true, Tying::PerStep) <= kJacobianAgreement);
      // A wrong γ (the sign flipped in one step) is seen by the comparison with O2.
      StepParameters wrong = p;
      wrong.gamma[1] = -wrong.gamma[1];
      CHECK(relative_difference(gdpp_untied(t, wrong, false), o2_steps(t, p)) > 1e-3);
      // The line search with γ = 0 returns the loss of the clipped steps at its η.
      const LineSearch ls = gd_steps_line_search(t, 3, true);
      CHECK(std::abs(ls.loss - half_mse(gdpp_untied(t, tied_steps(3, ls.eta, 0), true), t.y)) <= 1e-12 * ls.loss);
    }
  }
}

#include <cmath>
#include <limits>

#include "properties/vonoswald2023/sine.hpp"

// C21's sine model (sine.hpp): its backpropagation against MPFR central differences of its own loss, for the TF (every
// matrix trained) and the baseline (the K1 attention fixed); the slope ∂ŷ/∂x_test of its readout against double central
// differences of ŷ. The hidden width is 8 here (the pass reads it off W1); the claim's 160 only adds rows.
namespace {

icl::vonoswald2023::sine::SineModel<double> random_sine_model(icl::Rng& rng, bool baseline) {
  using namespace icl;
  using namespace icl::vonoswald2023::sine;
  const auto gaussian = [&](Index r, Index c, double scale) {
    Mat<double> w(r, c);
    for (Index i = 0; i < w.size(); ++i) w(i) = scale * rng.normal();
    return w;
  };
  SineModel<double> m = baseline ? initial_baseline(rng) : initial_tf(rng);
  m.E = gaussian(kWidth, 2, 0.5);
  m.W1 = gaussian(8, kWidth, 0.3);
  m.b1 = gaussian(8, 1, 0.5);
  m.W2 = gaussian(kWidth, 8, 0.3);
  m.b2 = gaussian(kWidth, 1, 0.3);
  if (!baseline)
    for (Mat<double>* w : {&m.WK, &m.WQ, &m.WV, &m.P}) *w = gaussian(kWidth, kWidth, 0.2);
  return m;
}

}  // namespace

TEST_SUITE("vonoswald2023;unit;mpfr") {
  TEST_CASE("the sine model's gradient agrees with MPFR central differences, and a gradient off by 1/B does not") {
    using namespace icl;
    using namespace icl::vonoswald2023::sine;
    const PrecisionScope bits(kCentralDifferenceBits);
    Rng rng(21);
    for (const bool baseline : {false, true}) {
      CAPTURE(baseline);
      SineModel<Mpfr> m = random_sine_model(rng, baseline).cast<Mpfr>();
      const SineTasks t = draw_sine_tasks(rng, icl::vonoswald2023::sine::Law::Paper, 2);
      const Mat<Mpfr> C = t.C.cast<Mpfr>(), Q = t.Q.cast<Mpfr>();
      const Vec<Mpfr> y = t.y.cast<Mpfr>();
      SineModel<Mpfr> g;
      loss_and_gradient<Mpfr>(m, C, Q, y, &g);
      std::vector<Mat<Mpfr>*> ws;
      std::vector<const Mat<Mpfr>*> ds;
      m.for_each_trained([&](Mat<Mpfr>& w) { ws.push_back(&w); });
      g.for_each_trained([&](Mat<Mpfr>& w) { ds.push_back(&w); });
      REQUIRE(ws.size() == (baseline ? 5u : 9u));
      for (const double factor : {1.0, 0.5}) {
        const auto check = training::check_gradient_sampled(ws, ds, 37, 7, factor,
                                                            [&] { return loss_and_gradient<Mpfr>(m, C, Q, y, nullptr); });
        if (factor == 1.0) CHECK_MESSAGE(check.passed(), check.describe());
        else CHECK_MESSAGE(!check.passed(), check.describe());
      }
    }
  }
}

TEST_SUITE("vonoswald2023;unit;double") {
  TEST_CASE("the sine readout's slope ∂ŷ/∂x_test agrees with central differences of ŷ") {
    using namespace icl;
    using namespace icl::vonoswald2023::sine;
    Rng rng(22);
    for (const bool baseline : {false, true}) {
      CAPTURE(baseline);
      const SineModel<double> m = random_sine_model(rng, baseline);
      SineTasks t = draw_sine_tasks(rng, icl::vonoswald2023::sine::Law::Paper, 16);
      const Readout r = readout(m, t);
      // h = ∛u balances truncation (h²) against rounding (u/h): the difference is accurate to ≈ u^{2/3} ≈ 4e-11 of the
      // scale, far inside the √u acceptance; the initial prediction's slope (no attention) is far outside it.
      const double h = std::cbrt(std::numeric_limits<double>::epsilon());
      Vec<double> fd(t.tasks());
      for (Index b = 0; b < t.tasks(); ++b) {
        const double keep = t.Q(0, b);
        t.Q(0, b) = keep + h;
        const double up = readout(m, t).y_hat(b);
        t.Q(0, b) = keep - h;
        const double down = readout(m, t).y_hat(b);
        t.Q(0, b) = keep;
        fd(b) = (up - down) / (2 * h);
      }
      const double scale = fd.cwiseAbs().maxCoeff(), tolerance = std::sqrt(std::numeric_limits<double>::epsilon());
      CHECK((r.slope - fd).cwiseAbs().maxCoeff() / scale <= tolerance);
      CHECK((r.y_hat - r.y_init).cwiseAbs().maxCoeff() > 1e-3);  // the attention moves ŷ, so its term in the slope matters
      // The slope with the attention's contribution dropped (∂ŷ₀/∂x_test from a model whose attention reads nothing).
      SineModel<double> no_attention = m;
      no_attention.P.setZero();
      CHECK((readout(no_attention, t).slope - fd).cwiseAbs().maxCoeff() / scale > tolerance);
    }
  }
}

#include "properties/vonoswald2023/training.hpp"

// The default report trains 2 of the 5 seeds; every effort that reaches the paper's steps trains all 5 and never more
// (the budget grows with the effort, the seeds stop at the paper's count).
TEST_SUITE("vonoswald2023;unit;training") {
  TEST_CASE("training seeds: 2 at the default, the paper's 5 from --effort 2.5, never more") {
    using icl::vonoswald2023::training_seeds;
    icl::RunConfig cfg;
    CHECK(training_seeds(cfg) == 2);
    for (const auto& case_ : std::vector<std::pair<double, long>>{{0.01, 1}, {1.5, 3}, {2.5, 5}, {50, 5}, {10000, 5}}) {
      cfg.effort = case_.first;
      CHECK_MESSAGE(training_seeds(cfg) == case_.second, "effort ", case_.first);
    }
  }
  TEST_CASE("every von Oswald claim that reads a per-seed training fixture declares the training-seeds budget") {
    int trained = 0;
    for (const icl::Claim& c : icl::registry()) {
      if (c.id.rfind("vonoswald2023/", 0) != 0) continue;
      const bool per_seed = std::any_of(c.fixtures.begin(), c.fixtures.end(),
                                        [](const std::string& f) { return f.find("/seed-") != std::string::npos; });
      if (!per_seed) continue;
      ++trained;
      CHECK_MESSAGE(c.find_budget(icl::vonoswald2023::kSeedBudget.name) != nullptr, c.id);
    }
    CHECK(trained >= 15);
  }
}
