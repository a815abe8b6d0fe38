// giannou2024/EXP2 — trained models on logistic-regression prompts against damped Newton (reduced scale): the paper's
// kind of model (softmax, LN, MLP) and a causal LSA analog.
#include "properties/giannou2024/training.hpp"

namespace icl::giannou2024::exp2 {

Evidence check(Context& ctx) {
  Evidence ev;
  // Two models trained to output w_Newton (the minimiser) from the prompt of a logistic-regression task: the causal
  // LSA of EXP1 (w read from the query's x slots), and the paper's softmax GPT-2 block with LN and MLP (below).
  TrainSpec s = spec_from(ctx);
  const int d = 3, n = 12;
  const double mu = 0.1;
  Rng rng = ctx.rng("data");
  struct LogTask {
    Mat<double> A;
    Vec<double> y, w_star;
  };
  auto draw = [&](Rng& r) {
    LogTask t{Mat<double>(n, d), Vec<double>(n), Vec<double>(d)};
    Vec<double> teacher(d);
    for (int k = 0; k < d; ++k) teacher(k) = r.normal();
    for (int i = 0; i < n; ++i) {
      Vec<double> a(d);
      for (int k = 0; k < d; ++k) a(k) = r.normal();
      a /= std::max(1.0, a.norm());
      t.A.row(i) = a.transpose();
      t.y(i) = a.dot(teacher) >= 0 ? 1 : -1;
    }
    t.w_star = oracle::minimize(oracle::Logistic<double>{t.A, t.y, mu}, Vec<double>(Vec<double>::Zero(d)), 1e-12);
    return t;
  };
  auto prompt = [&](const LogTask& t) {  // tokens (a_i, y_i, 1), query (0, 0, 1)
    Prompt<double> p;
    p.Z = Mat<double>::Zero(d + 2, n + 1);
    p.Z.topLeftCorner(d, n) = t.A.transpose();
    p.Z.block(d, 0, 1, n) = t.y.transpose();
    p.Z.row(d + 1).setConstant(1);
    p.n_context = n + 1;
    return p;
  };
  std::vector<LogTask> tests;
  for (int i = 0; i < 200; ++i) tests.push_back(draw(rng));
  // f after k damped Newton steps from w_0 = 0, averaged over the test prompts (k = 0, 1, 2).
  std::vector<double> f_newton(3, 0.0);
  for (const auto& t : tests) {
    const oracle::Logistic<double> L{t.A, t.y, mu};
    Vec<double> w = Vec<double>::Zero(d);
    for (int k = 0; k < 3; ++k) {
      f_newton[k] += oracle::objective(L, w) / tests.size();
      w = oracle::damped_newton_step(L, w).next;
    }
  }
  const auto train = [&](int layers, const std::string& purpose) {
    Rng trng = ctx.rng(purpose);
    Model m = init_model(trng, layers, s.H, d + 2, n);
    Adam adam({s.lr, 0.9, 0.999, 1e-8, 1.0});
    const long steps = ctx.broken(defects::Untrained) ? 0 : s.steps;
    CausalBackprop<double> backprop;  // the trainer's backpropagation (training.hpp), checked in EXP1
    std::vector<Mat<double>> grads;
    for (long step = 0; step < steps; ++step) {
      for (auto& g : grads) g.setZero();
      for (long b = 0; b < s.batch / 4; ++b) {
        const LogTask t = draw(trng);
        // Loss ½‖w_TF − w*‖² over the query's x slots.
        const Vec<double>& out = backprop.forward_query(m.layers, prompt(t));
        Vec<double> g = Vec<double>::Zero(d + 2);
        for (int k = 0; k < d; ++k) g(k) = out(k) - t.w_star(k);
        backprop.backward_query(m.layers, g, grads);
      }
      for (auto& g : grads) g /= double(s.batch / 4);
      adam.step(parameters(m), grads, cosine_lr(s.lr, 0.05, step, s.steps));
    }
    return m;
  };
  // The paper's model, reduced: GPT-2's pre-LN block (causal softmax attention, MLP, learned positions) of
  // training/transformer.hpp with a read-in of the tokens and w read out of the query, trained on the same loss.
  training::TransformerShape gpt;
  gpt.in = d + 2, gpt.out = d, gpt.width = kReadInWidth, gpt.heads = s.H, gpt.hidden = 4 * kReadInWidth;
  gpt.length = n + 1;
  const auto tokens = [&](const std::vector<LogTask>& ts) {
    Mat<double> U(d + 2, Index(ts.size()) * (n + 1));
    for (size_t b = 0; b < ts.size(); ++b) U.middleCols(Index(b) * (n + 1), n + 1) = prompt(ts[b]).Z;
    return U;
  };
  const auto minimisers = [&](const std::vector<LogTask>& ts) {
    Mat<double> W(d, Index(ts.size()));
    for (size_t b = 0; b < ts.size(); ++b) W.col(Index(b)) = ts[b].w_star;
    return W;
  };
  const QueryBatch gpt_batch = [&](Rng& r) {
    std::vector<LogTask> ts;
    for (long b = 0; b < s.batch / 4; ++b) ts.push_back(draw(r));
    return std::make_pair(tokens(ts), minimisers(ts));
  };
  const Mat<double> test_tokens = tokens(tests);
  const auto train_gpt = [&](int layers, const std::string& purpose) {
    gpt.layers = layers;
    return train_query_model(gpt, kGpt2InitStd, s, ctx.broken(defects::Untrained) ? 0 : s.steps, gpt_batch,
                             ctx.seed(purpose), fmt::format("EXP2: {}-layer softmax transformer", layers), ctx.config());
  };
  // A model's mean f over the test prompts, and whether it is trained (its w closer to w* than the zero output).
  struct Fit {
    double f = 0;
    bool trained = false;
  };
  const auto fit_of = [&](const auto& w_of) {
    Fit r;
    double fit = 0, fit0 = 0;
    for (size_t i = 0; i < tests.size(); ++i) {
      const LogTask& t = tests[i];
      const Vec<double> w = w_of(i);
      r.f += oracle::objective(oracle::Logistic<double>{t.A, t.y, mu}, w) / double(tests.size());
      fit += (w - t.w_star).squaredNorm();
      fit0 += t.w_star.squaredNorm();
    }
    r.trained = fit < fit0;
    return r;
  };
  // Depths 1–3 (no Newton step fits at 13 layers per step) and 13 (one step fits).
  const std::vector<int> depths{1, 2, 3, 13};
  const int seeds = ctx.budget_int(kExpSeeds.name), softmax_seeds = ctx.budget_int(kSoftmaxSeeds.name);
  struct Tally {
    bool trained = true, below = true;
    std::string table;
    void add(int layers, int k, double f_newton, const std::vector<Fit>& fits) {
      double worst = 0, best = 1e300;
      for (const Fit& f : fits) {
        trained = trained && f.trained;
        below = below && f.f < f_newton;
        worst = std::max(worst, f.f), best = std::min(best, f.f);
      }
      table += fmt::format("{}L={}: f(w_TF) {:.4f} … {:.4f} over seeds vs f after {} Newton step{} {:.4f}",
                           table.empty() ? "" : "; ", layers, best, worst, k, k == 1 ? "" : "s", f_newton);
    }
  } lsa, softmax;
  training::GradientCheck gpt_grad;
  for (int layers : depths) {
    const int k = layers / 13;  // Newton steps the paper's budget allows at this depth
    std::vector<Fit> lsa_fits, gpt_fits;
    for (int seed = 0; seed < std::max(seeds, softmax_seeds); ++seed) {
      const std::string purpose = "train" + std::to_string(layers) + (seed == 0 ? "" : "/" + std::to_string(seed));
      if (seed < seeds) {
        const Model m = train(layers, purpose);
        lsa_fits.push_back(fit_of([&](size_t i) { return Vec<double>(forward(m.layers, prompt(tests[i])).Z.block(0, n, d, 1)); }));
        ev.cases += s.steps * (s.batch / 4);
      }
      if (seed >= softmax_seeds) continue;
      const training::Transformer<double> g = train_gpt(layers, "softmax/" + purpose);
      const Mat<double> W = query_outputs(g, test_tokens);
      gpt_fits.push_back(fit_of([&](size_t i) { return Vec<double>(W.col(Index(i))); }));
      if (layers == depths.front() && seed == 0) {  // the trained 1-layer model's backward against MPFR, on one prompt
        gpt_grad = query_gradient_check(g, tokens({tests[0]}), minimisers({tests[0]}),
                                        ctx.broken(defects::WrongGradient) ? 1 + 1e-3 : 1);
        if (!gpt_grad.passed()) {  // the trainer is wrong: nothing it trains is evidence
          ev.verdict = Verdict::Refuted;
          ev.counterexample = "analytic gradients disagree with finite differences: " + gpt_grad.describe();
          ev.part("gradients against MPFR central differences", Verdict::Refuted, gpt_grad.describe(),
                  std::vector<std::string>{});
          return ev;
        }
      }
      ev.cases += s.steps * (s.batch / 4);
    }
    lsa.add(layers, k, f_newton[size_t(k)], lsa_fits);
    softmax.add(layers, k, f_newton[size_t(k)], gpt_fits);
  }
  ev.note("softmax transformer (the paper's model, reduced)",
          fmt::format("GPT-2's pre-LN block: read-in to {}, {} causal softmax heads, MLP of width {}, learned positions, "
                      "LayerNorm; w read out of the query; GPT-2 init (std {}); the same loss, data and steps as the "
                      "analog, {} training seeds (5 from --effort 2.5 on); the paper: embedding 32, 4 heads, up to 40 "
                      "layers",
                      gpt.width, gpt.heads, gpt.hidden, kGpt2InitStd, softmax_seeds));
  ev.note("reduced analog", fmt::format("causal LSA ({} heads, no LN/MLP) trained on ½‖w − w*‖², d={}, n={}, μ={}, {} steps, {} "
                                        "training seeds",
                                        s.H, d, n, mu, s.steps, seeds));
  ev.note("softmax transformer: mean f over 200 test prompts, at 13 layers per Newton step", softmax.table);
  ev.note("causal LSA analog: mean f over 200 test prompts, at 13 layers per Newton step", lsa.table);
  ev.note("gradient check (1-layer softmax transformer, training/transformer.hpp's backward against MPFR)",
          gpt_grad.describe());
  const auto below = [](const Tally& t) { return t.trained && t.below ? Verdict::HoldsNumerically : Verdict::Inconclusive; };
  ev.part("gradients against MPFR central differences", Verdict::HoldsNumerically, gpt_grad.describe(),
          std::vector<std::string>{});  // one prompt: no budget is read
  ev.part("softmax transformer below the Newton budget at every depth (every seed)", below(softmax), softmax.table,
          std::vector<std::string>{kExpSteps.name, kSoftmaxSeeds.name});
  ev.part("causal LSA analog below the Newton budget at every depth (every seed)", below(lsa), lsa.table,
          std::vector<std::string>{kExpSteps.name, kExpSeeds.name});
  if (!lsa.trained || !softmax.trained) {
    ev.inconclusive("a model is not trained: its output is no closer to w* than the zero output");
  } else if (softmax.below) {
    ev.verdict = Verdict::HoldsNumerically;
  } else {
    // At the reduced scale a model above the budget says nothing about the paper's 40-layer runs.
    ev.inconclusive("the reduced softmax transformer is not below the Newton budget at every depth and seed");
  }
  if (std::string why; !ctx.enough_budget(&why)) ev.inconclusive(why);
  return ev;
}

const Registration row(family(),
    ClaimRow("EXP2", Kind::Empirical)
        .statement("Trained TF on logistic regression: f(w_TF) below f after k Newton steps in early layers, "
                    "at 13 layers per step")
        .source("Fig. 1 / Fig. 7 (logistic regression experiments)")
        .uses({"trained softmax transformer (LN, MLP)", "trained causal LSA"}, {"O4", "O8"})
        .arithmetic("double (MPFR gradient check)", {"double", "mpfr"})
        .expect(Verdict::Inconclusive,
                "at the reduced scale (d=3, n=12, width 16, 500 steps × 8 prompts) the paper's kind of model, a "
                "softmax transformer with LN and MLP, is below f(w_0) at depths 1–3 but above f after one damped "
                "Newton step at 13 layers in each of its 2 default seeds (a verdict needs 5); the causal LSA analog is below the "
                "budget at every depth")
        .budget(kExpSteps)
        .budget(kExpSeeds)
        .budget(kSoftmaxSeeds)
        .part("gradients against MPFR central differences", Verdict::HoldsNumerically)
        .part("softmax transformer below the Newton budget at every depth (every seed)", Verdict::Inconclusive)
        .part("causal LSA analog below the Newton budget at every depth (every seed)", Verdict::HoldsNumerically)
        .rejects(defects::WrongGradient)
        .inconclusive_under(defects::Untrained, "a model is not trained")
        .hypothesis("the model is trained: its output is closer to w* than the zero output")
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::exp2
