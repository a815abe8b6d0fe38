// giannou2024/EXP1 — trained causal LSA against order-2 and order-3 Newton at equal depth (reduced scale).
#include "properties/giannou2024/training.hpp"

namespace icl::giannou2024::exp1 {

Evidence check(Context& ctx) {
  Evidence ev;
  ev.seed = ctx.seed();
  const TrainSpec s = spec_from(ctx);
  const int seeds = ctx.budget_int(kDepthSweepSeeds.name);
  std::vector<std::vector<DepthResult>> runs;
  for (int k = 0; k < seeds; ++k) runs.push_back(trained_depths(ctx.config(), s, k));
  const size_t depths = runs[0].size();
  Series tf{"EXP1 relative test error vs depth (trained causal LSA, mean over seeds)", "layers", "E(ŷ−y)²/E y²", {}, {}};
  Series n2{"EXP1 order-2 Newton vs steps", "steps", "E(ŷ−y)²/E y²", {}, {}};
  Series n3{"EXP1 order-3 Newton vs steps", "steps", "E(ŷ−y)²/E y²", {}, {}};
  std::string table;
  int between = 0;
  for (size_t l = 0; l < depths; ++l) {
    double mean = 0, lo = 1e300, hi = 0;
    int in_band = 0;
    for (const auto& run : runs) {
      const DepthResult& r = run[l];
      mean += r.tf / seeds;
      lo = std::min(lo, r.tf);
      hi = std::max(hi, r.tf);
      in_band += r.tf <= r.newton2 && r.tf >= r.newton3;
    }
    between += in_band;
    const DepthResult& r = runs[0][l];  // the Newton baselines do not depend on the training seed
    tf.x.push_back(r.L);
    tf.y.push_back(mean);
    n2.x.push_back(r.L);
    n2.y.push_back(r.newton2);
    n3.x.push_back(r.L);
    n3.y.push_back(r.newton3);
    table += fmt::format("{}L={}: TF {:.3g} ({:.3g} … {:.3g}), Newton-2 {:.3g}, Newton-3 {:.3g}, between for {}/{} seeds",
                         table.empty() ? "" : "; ", r.L, mean, lo, hi, r.newton2, r.newton3, in_band, seeds);
  }
  // The LayerNorm branch: the read-in models with and without LayerNorm, against Newton of orders 3–10.
  std::vector<std::vector<ReadInResult>> read_in;
  const int ln_seeds = s.read_in_seeds;
  for (int k = 0; k < ln_seeds; ++k) read_in.push_back(read_in_depths(ctx.config(), s, k));
  Series ln{"EXP1 relative test error vs depth (read-in LSA+LN, mean over seeds)", "layers", "E(ŷ−y)²/E y²", {}, {}};
  Series plain{"EXP1 relative test error vs depth (read-in LSA without LN, mean over seeds)", "layers", "E(ŷ−y)²/E y²", {}, {}};
  std::string ln_table;
  const size_t ln_depths = read_in[0].size();
  for (size_t l = 0; l < ln_depths; ++l) {
    double ln_mean = 0, plain_mean = 0;
    for (const auto& run : read_in) ln_mean += run[l].ln / ln_seeds, plain_mean += run[l].plain / ln_seeds;
    ln.x.push_back(read_in[0][l].L), ln.y.push_back(ln_mean);
    plain.x.push_back(read_in[0][l].L), plain.y.push_back(plain_mean);
    // The highest Newton order the LN model matches at equal layers/steps (its error at most the order's).
    int matched = 0;
    std::string orders;
    for (int o = kFirstOrder; o <= kLastOrder; ++o) {
      const double e = read_in[0][l].newton[size_t(o - kFirstOrder)];
      if (ln_mean <= e) matched = o;
      orders += fmt::format("{}{}: {:.3g}", o == kFirstOrder ? "" : ", ", o, e);
    }
    ln_table += fmt::format("{}L={}: LSA+LN {:.3g}, LSA {:.3g}, Newton orders {}; LSA+LN at least as good as order {}",
                            ln_table.empty() ? "" : "; ", read_in[0][l].L, ln_mean, plain_mean, orders,
                            matched ? std::to_string(matched) : std::string("none of 3–10"));
  }
  int ln_better = 0;  // seeds whose LSA+LN is below its LSA at the deepest depth
  for (const auto& run : read_in) ln_better += run.back().ln < run.back().plain;
  const double ln_p = std::ldexp(1.0, -ln_seeds);  // one-sided binomial P when every seed agrees (sign test)
  const double perturb = ctx.broken(defects::WrongGradient) ? 1 + 1e-3 : 1;
  const Task grad_task = test_set(ctx.seed("grad"), s, 1)[0];
  const training::GradientCheck grad = gradient_check(runs[0][1].model, grad_task, perturb);
  const training::GradientCheck ln_grad = query_gradient_check(read_in_model(ctx.config(), s, kMaxDepth, true, 0),
                                                               task_tokens({grad_task}),
                                                               Mat<double>::Constant(1, 1, grad_task.yt), perturb);
  // One causal LSA per (depth, seed), two read-in models per (LayerNorm-branch depth, seed).
  ev.cases = static_cast<long>(depths * seeds + 2 * ln_depths * ln_seeds) * (s.steps * s.batch + 1000);
  ev.note("setting (reduced)", fmt::format("d={}, N={}, κ={}, λ_max(Σ)=1, {} heads, causal LSA, depths 1–5, {} Adam steps × "
                                           "batch {}, lr {} cosine, {} training seeds (5 from --effort 2.5 on); spec: d=10, N=50, 4 heads, read-in to "
                                           "64, 100k steps × 2000, curriculum",
                                           s.d, s.N, s.kappa, s.H, s.steps, s.batch, s.lr, seeds));
  ev.note("relative test error (1000 prompts) at equal layers/steps: mean (range over seeds)", table);
  ev.note("depth 4 → 5", fmt::format("error ratio {:.3f} of the seed means (spec: no real gain beyond 4 layers without LN)",
                                     tf.y[3] / tf.y[4]));
  ev.note("gradient check (2-layer model, MPFR analytic)", grad.describe());
  ev.note("LayerNorm branch (reduced)",
          fmt::format("read-in to {}, {} causal linear heads, no MLP, no positions; GPT-2 init at std {}; the same "
                      "model without LN beside it; {} training seeds; {} (--effort 5 trains every depth 1–5)",
                      kReadInWidth, s.H, kReadInInitStd, ln_seeds, ln_depths == 1 ? fmt::format("depth {}", read_in[0][0].L)
                                                     : fmt::format("depths {}–{}", read_in[0].front().L, read_in[0].back().L)));
  ev.note("relative test error of the read-in models (mean over seeds) and of Newton orders 3–10 at equal layers/steps",
          ln_table);
  ev.note("gradient check (5-layer read-in LSA+LN, training/transformer.hpp's backward against MPFR)", ln_grad.describe());
  ev.series = {tf, n2, n3, ln, plain};
  // The band claim holds at this scale when every trained model sits between the two Newton orders at every depth.
  const bool band = between == static_cast<int>(depths) * seeds;
  const bool grads_pass = grad.passed() && ln_grad.passed();
  ev.part("gradients against MPFR central differences", grads_pass ? Verdict::HoldsNumerically : Verdict::Refuted,
          fmt::format("causal LSA: {}; read-in LSA+LN: {}", grad.describe(), ln_grad.describe()),
          std::vector<std::string>{});  // one task: no budget is read
  // LN improves: a sign test over the seeds at the deepest depth, decided only when every seed agrees (P = 2^-seeds);
  // at the reduced scale a disagreement is an observation, not a refutation of the paper-scale claim.
  const bool ln_improves = ln_better == ln_seeds && ln_p <= 0.05;
  ev.part("LSA+LN below the same model without LN at depth 5 (every seed)",
          ln_improves ? Verdict::HoldsNumerically : Verdict::Inconclusive,
          fmt::format("{} of {} seeds (one-sided binomial P = {:.4f} when all agree); at the reduced scale", ln_better,
                      ln_seeds, ln_p),
          std::vector<std::string>{kExpSteps.name, kReadInSeeds.name, kReadInDepths.name});
  ev.verdict = !grads_pass ? Verdict::Refuted : band && ln_improves ? Verdict::HoldsNumerically : Verdict::Inconclusive;
  if (!grads_pass) ev.counterexample = "analytic gradients disagree with finite differences";
  else if (!band || !ln_improves)
    ev.inconclusive(fmt::format("at the reduced scale the trained models sit between the Newton orders in {} of {} "
                                "(depth, seed) pairs, and LSA+LN is below LSA at depth 5 in {} of {} seeds: the "
                                "paper-scale claim is not decided",
                                between, depths * seeds, ln_better, ln_seeds));
  return ev;
}

const Registration row(family(),
    ClaimRow("EXP1", Kind::Empirical)
        .statement("Trained LSA (d = 10, N = 50) error lies between order-2 and order-3 Newton at equal "
                    "layers/steps; no real gain beyond 4 layers without LN; LSA+LN improves and is compared "
                    "with orders 3–10")
        .source("§6 (linear regression experiments, Fig. 2)")
        .uses({"trained causal LSA"}, {"O8"})
        .arithmetic("double (MPFR gradient check)", {"double", "mpfr"})
        .expect(Verdict::Inconclusive,
                "at reduced scale (d=5, N=20, 500 steps) the trained causal LSA does not sit between the two "
                "Newton orders at every depth, and the read-in LSA+LN is not below the same model without LN at "
                "depth 5 in every seed: the claim is not decided here")
        .budget(kExpSteps)
        .budget(kDepthSweepSeeds)
        .budget(kReadInDepths)
        .budget(kReadInSeeds)
        .part("gradients against MPFR central differences", Verdict::HoldsNumerically)
        .rejects(defects::WrongGradient)
        .fixture(depths_fixture(0))
        .fixture(depths_fixture(1))
        .fixture(depths_fixture(2))
        .fixture(depths_fixture(3))
        .fixture(depths_fixture(4))
        .fixture(read_in_fixture(0))
        .fixture(read_in_fixture(1))
        .fixture(read_in_fixture(2))
        .fixture(read_in_fixture(3))
        .fixture(read_in_fixture(4))
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::exp1
