// Yang family: facts about the checks themselves (the broken variants are run from the rows by test_main).
#include <doctest/doctest.h>

#include <cmath>

#include "constructions/yang2024/multihead.hpp"
#include "core/finite_difference.hpp"
#include "core/random.hpp"
#include "properties/yang2024/figure_loss.hpp"
#include "properties/yang2024/heads_gradient.hpp"
#include "properties/yang2024/toy_training.hpp"
#include "training/gradient_check.hpp"

// The figure trainer's gradient — its batch loss in second moments, its forward pass over the stacked heads and the
// shared head gradient — against MPFR central differences of the same loss, on a small instance (d = 3, N = 3, K = 5,
// H = 2, 7 prompts); and a gradient that drops the 1/K of ∂loss/∂Â is caught by the same check.
TEST_SUITE("yang2024;unit;mpfr") {
  TEST_CASE("the figure trainer's gradient agrees with MPFR central differences, and a wrong 1/K does not") {
    using namespace icl;
    using namespace icl::yang2024;
    const PrecisionScope bits(kCentralDifferenceBits);
    const Index d = 3, N = 3, K = 5, H = 2, prompts = 7;
    Rng rng(20241);
    const auto gaussian = [&](Index r, Index c) {
      Mat<Mpfr> m(r, c);
      for (Index i = 0; i < m.size(); ++i) m(i) = Mpfr(rng.normal());
      return m;
    };
    const Mat<Mpfr> V_all = gaussian(d, K), V = V_all.leftCols(N), Y = gaussian(K, prompts);
    std::vector<Mat<Mpfr>> Q{gaussian(d, d), gaussian(d, d)};
    Mat<Mpfr> W = gaussian(H, K);
    const LabelMoments<Mpfr> mo = label_moments<Mpfr>(Y, N);
    const auto loss = [&] { return quadratic_loss(mo, a_hat(softmax_heads<Mpfr>(V, V_all, Q), W)); };
    const auto S = softmax_heads<Mpfr>(V, V_all, Q);
    const Mat<Mpfr> R = quadratic_loss_gradient(mo, a_hat(S, W));
    const auto check = [&](const Mat<Mpfr>& dA) {
      const HeadGradient<Mpfr> g = head_gradient<Mpfr>(V, V_all, S, W, dA);
      std::vector<Mpfr*> entries;
      std::vector<Mpfr> analytic;
      gradient_entries(Q, W, g, entries, analytic);
      return training::check_gradient(entries, analytic, std::ldexp(1.0, -kCentralDifferenceBits), loss);
    };
    const auto right = check(R);
    CHECK_MESSAGE(right.passed(), right.describe());
    const auto wrong = check(Mat<Mpfr>(R * Mpfr(double(K))));
    CHECK_MESSAGE(!wrong.passed(), wrong.describe());
  }
}

// The trainer's double softmax at logits far beyond exp's range (the saturated regime of the figure configuration,
// scaled up): shifted by the column maximum it stays finite and matches MPFR to rounding.
TEST_SUITE("yang2024;unit;double") {
  TEST_CASE("the figure trainer's softmax at logits beyond ±700 matches MPFR") {
    using namespace icl;
    using namespace icl::yang2024;
    const Index d = 2, N = 3, K = 4;
    Mat<double> V_all(d, K);
    V_all << 1, -1, 0.5, 2, 0.25, 1, -2, 1;
    const std::vector<Mat<double>> Q{Mat<double>::Identity(d, d) * 900, Mat<double>::Identity(d, d) * -2000};
    const auto S = softmax_heads<double>(V_all.leftCols(N), V_all, Q);
    const PrecisionScope bits(256);
    std::vector<Mat<Mpfr>> Qm;
    for (const auto& q : Q) Qm.push_back(q.cast<Mpfr>());
    const Mat<Mpfr> Vm = V_all.cast<Mpfr>();
    const auto Sm = softmax_heads<Mpfr>(Vm.leftCols(N), Vm, Qm);
    for (size_t h = 0; h < S.size(); ++h) {
      REQUIRE(S[h].allFinite());
      for (Index i = 0; i < S[h].size(); ++i) CHECK(std::abs(S[h](i) - to_double(Sm[h](i))) <= 4 * 0x1p-53);
    }
  }
}

// The common horizon of C16/C20: the first step below Δ(0)·fraction (strictly below: a run at the floor's level is not
// yet past it), the run's last step if none, and the mean per-step factor there.
TEST_SUITE("yang2024;unit;double") {
  TEST_CASE("steps_to finds the first step below the floor, and factor_at reads the mean factor up to it") {
    using namespace icl::yang2024;
    ToyRun r;
    for (int t = 0; t <= 10; ++t) r.trace.push_back(std::pow(0.1, t));  // Δ(t) = 10^-t
    CHECK(steps_to(r, 1e-5) == 6);   // 10^-5 is not below 10^-5
    CHECK(steps_to(r, 2e-5) == 5);
    CHECK(steps_to(r, 1e-30) == 10);  // never: the last step
    CHECK(factor_at(r, 6) == doctest::Approx(0.1).epsilon(1e-14));
  }
}

// The toy trainer's forward pass (softmax_heads) is checked against K1 in every run: within the rounding bound on a
// run, and far outside it for a head with Q_h transposed.
TEST_SUITE("yang2024;unit;double") {
  TEST_CASE("the toy trainer's softmax columns agree with K1's, and a transposed Q_h is caught") {
    using namespace icl;
    using namespace icl::yang2024;
    Rng rng(7);
    const ToyProblem p = toy_problem(ToyConfig{}, rng);
    const ToyRun run = train_toy(p, 4, 2e-3, 10, 50, 10, rng);
    CHECK(run.finite);
    CHECK(run.k1_discrepancy <= 1);
    const Index N = p.cfg.N;
    std::vector<Mat<double>> Q, Qt;
    for (int h = 0; h < 2; ++h) {
      Mat<double> q(p.cfg.d, p.cfg.d);
      for (Index i = 0; i < q.size(); ++i) q(i) = rng.normal();
      Q.push_back(q);
      Qt.push_back(q.transpose());
    }
    const Prompt<double> E = yang::token_layout<double>(p.V_all, Vec<double>::Zero(N));
    const Mat<double> V = p.V_all.leftCols(N);
    CHECK(toy_k1_discrepancy(E, V, p.V_all, Q, softmax_heads<double>(V, p.V_all, Q)) <= 1);
    CHECK(toy_k1_discrepancy(E, V, p.V_all, Q, softmax_heads<double>(V, p.V_all, Qt)) > 1e6);
  }
}
