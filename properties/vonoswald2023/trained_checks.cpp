#include "properties/vonoswald2023/trained_checks.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/context.hpp"
#include "properties/vonoswald2023/family.hpp"

namespace icl::vonoswald2023 {

double trainer_vs_construction(const LsaModel<double>& m, const Tasks& eval, KeySet keys) {
  // One construction layer per application: linear attention with λ, or softmax attention at scale 1/√k (no λ in
  // the code's softmax layer; the trainer's λ is 1 there).
  const auto apply = [&](Index l, const Prompt<double>& p) {
    std::vector<Head<double>> heads;
    for (const auto& h : m.block(l)) heads.push_back({h.WK, h.WQ, h.WV, h.P});
    if (m.softmax_at(l)) {
      SoftmaxLayer<double> layer{heads, 1 / std::sqrt(double(m.block(l).at(0).WK.rows())), keys};
      return forward(layer, p);
    }
    LsaLayer<double> layer{heads, m.lambda, keys};
    return forward(layer, p);
  };
  const Index N = eval.tokens.N, D = eval.tokens.Q.rows(), n = std::min<Index>(256, eval.y.size());
  const TokenBatch<double> first{N, eval.tokens.C.leftCols(n * N), eval.tokens.Q.leftCols(n)};
  const Vec<double> trainer = predict(m, first);
  double worst = 0, scale = 0;
  for (Index b = 0; b < n; ++b) {
    Prompt<double> p;
    p.Z.resize(D, N + 1);
    p.Z << first.C.middleCols(b * N, N), first.Q.col(b);
    p.n_context = N;
    for (Index l = 0; l < m.layers; ++l) {
      p = apply(l, p);
      if (m.clip) p.Z = p.Z.cwiseMax(-10.0).cwiseMin(10.0);  // the code's token clip after every layer (K > 3)
    }
    const double layers = -p.Z(D - 1, N);
    worst = std::max(worst, std::abs(layers - trainer(b)));
    scale = std::max(scale, std::abs(layers));
  }
  return worst / std::max(scale, 1e-300);
}

double mean_cos(const Mat<double>& a, const Mat<double>& b) {
  double c = 0;
  for (Index t = 0; t < a.cols(); ++t)
    c += a.col(t).dot(b.col(t)) / ((a.col(t).norm() + 1e-8) * (b.col(t).norm() + 1e-8));
  return c / double(a.cols());
}

// ⟨a, b⟩/((‖a‖ + 1e-8)(‖b‖ + 1e-8)) of equal vectors falls short of 1 by ≈ 2e-8/‖a‖; ‖g‖ is of order 1 here.
bool Calibration::passed() const {
  return preds <= kTrainerAgreement && models <= kTrainerAgreement && std::abs(cos - 1) <= 1e-7;
}

Calibration agreement(const Vec<double>& y, const Mat<double>& g, const Vec<double>& y_oracle, const Mat<double>& g_oracle,
                      double eta) {
  Calibration c{eta, (y - y_oracle).cwiseAbs().maxCoeff() / y_oracle.cwiseAbs().maxCoeff(), 0, mean_cos(g, g_oracle)};
  double largest = 0;
  for (Index b = 0; b < g.cols(); ++b) {
    c.models = std::max(c.models, (g.col(b) - g_oracle.col(b)).norm());
    largest = std::max(largest, g_oracle.col(b).norm());
  }
  c.models /= largest;
  return c;
}

KeySet construction_keys(const Context& ctx) {
  return ctx.broken(defects::QueryAmongKeys) ? KeySet::All : KeySet::Context;
}

LsaModel<double> as_model(const std::vector<LsaLayer<double>>& stack, bool clip) {
  LsaModel<double> m;
  m.layers = Index(stack.size());
  m.clip = clip;
  for (const auto& layer : stack) {
    m.blocks.emplace_back();
    for (const auto& h : layer.heads) m.blocks.back().push_back({h.WK, h.WQ, h.WV, h.P});
  }
  return m;
}

Calibration calibrate(const std::vector<LsaLayer<double>>& stack, const Tasks& eval, const Vec<double>& y_oracle,
                      const Mat<double>& g_oracle, double eta) {
  const LsaModel<double> m = as_model(stack);
  return agreement(predict(m, eval.tokens), query_gradient(m, eval.tokens).topRows(eval.d()), y_oracle, g_oracle, eta);
}

namespace {

// A calibration decides at any budget (it reads none): refuted when it fails.
std::pair<Verdict, std::string> record_calibration(Evidence& ev, const std::string& what, bool passed,
                                                   const std::string& text) {
  const Verdict v = passed ? Verdict::HoldsNumerically : Verdict::Refuted;
  ev.part("calibration: " + what, v, text, std::vector<std::string>{});
  return {v, fmt::format("the comparison's target fails its calibration ({}): {}", what, text)};
}

}  // namespace

std::pair<Verdict, std::string> calibration_part(Evidence& ev, const Calibration& c, const std::string& what) {
  return record_calibration(ev, what, c.passed(),
                            fmt::format("at η = {:.4f} through the trainer's model against the oracle: predictions "
                                        "{:.2g}, implicit models {:.2g} relative, §2.4 cos {:.9f}",
                                        c.eta, c.preds, c.models, c.cos));
}

ClaimRow& seed_fixtures(ClaimRow& row, std::string (*name)(long)) {
  if (!row.claim().find_budget(kSeedBudget.name)) row.budget(kSeedBudget);
  for (long s = 0; s < kTrainingSeeds; ++s) row.fixture(name(s));
  return row;
}

std::pair<Verdict, std::string> calibration_part(Evidence& ev, const std::string& what, double error, double allowed,
                                                 const std::string& how) {
  return record_calibration(ev, what, error <= allowed,
                            fmt::format("{}: {:.2g} relative (allowed {:.2g})", how, error, allowed));
}

}  // namespace icl::vonoswald2023
