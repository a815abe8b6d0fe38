// Giannou family: the trainer's specialised causal backpropagation against the generic one (the broken variants are
// run from the rows by test_main; EXP1 checks the trained 2-layer model against MPFR central differences).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "properties/families.hpp"
#include "properties/giannou2024/training.hpp"

TEST_SUITE("giannou2024;unit;double") {
  // The query-column last layer and the prefix-sum full layers index by layer, head and token: every depth 1–4, 1–3
  // heads and four prompt sizes, against the generic forward and backward (which also differentiate W_K, W_V, λ).
  // Token heights d + 2 = 4 … 7: 5 and 7 take the compile-time block path, 4 and 6 the dynamic one.
  TEST_CASE("CausalBackprop equals the generic backward at depths 1–4 with 1–3 heads") {
    using namespace icl;
    using namespace icl::giannou2024;
    Rng rng(11);
    double worst = 0;
    for (int L = 1; L <= 4; ++L)
      for (int H = 1; H <= 3; ++H)
        for (int rep = 0; rep < 4; ++rep) {
          const int d = 2 + rep, N = 3 + 2 * rep;
          Model m = init_model(rng, L, H, d + 2, N);
          for (auto& l : m.layers)
            for (auto& h : l.heads) {  // away from the small initialisation, so every term matters
              for (Index i = 0; i < h.WQ.size(); ++i) h.WQ(i) += 0.3 * rng.normal();
              for (Index i = 0; i < h.P.size(); ++i) h.P(i) += 0.3 * rng.normal();
            }
          const Task t = draw_task(rng, d, N, 3.0);
          const Prompt<double> p = task_prompt<double>(t);
          std::vector<Mat<double>> fast, generic;
          CausalBackprop<double> bp;
          const double l1 = bp.loss_and_gradient(m.layers, p, t.yt, fast);
          const double l2 = loss_and_gradient<double>(m.layers, p, t.yt, &generic);
          REQUIRE(fast.size() == generic.size());
          double scale = std::max(1.0, std::abs(l2)), diff = std::abs(l1 - l2);
          for (size_t k = 0; k < fast.size(); ++k) {
            scale = std::max(scale, generic[k].cwiseAbs().maxCoeff());
            diff = std::max(diff, (fast[k] - generic[k]).cwiseAbs().maxCoeff());
          }
          worst = std::max(worst, diff / scale);
        }
    // Two orders of summation over ≤ 4 layers of ≤ 10-token products: 10⁻¹² is 4500 units of roundoff.
    CHECK(worst < 1e-12);
  }

  // The default report sweeps depths over 2 training seeds; the 5 that decide the band from --effort 2.5 on.
  TEST_CASE("EXP1's depth sweep: 2 seeds at the default, 5 from --effort 2.5, declared by EXP1") {
    using namespace icl::giannou2024;
    icl::RunConfig cfg;
    CHECK(cfg.scaled(kDepthSweepSeeds) == 2);
    cfg.effort = 2.5;
    CHECK(cfg.scaled(kDepthSweepSeeds) == 5);
    const icl::Claim* exp1 = nullptr;
    for (const icl::Claim& c : icl::registry())
      if (c.id == "giannou2024/EXP1") exp1 = &c;
    REQUIRE(exp1 != nullptr);
    CHECK(exp1->find_budget(kDepthSweepSeeds.name) != nullptr);
  }
}
