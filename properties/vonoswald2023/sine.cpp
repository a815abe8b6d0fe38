#include "properties/vonoswald2023/sine.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "training/adam.hpp"
#include "training/nonlinearities.hpp"
#include "training/split_batch.hpp"
#include "training/fixture.hpp"
#include "training/trainer.hpp"

namespace icl::vonoswald2023::sine {

const char* law_name(Law law) { return law == Law::Code ? "code law a ~ U(0.1, 0.5), ρ = π(a − 0.1)/0.4" : "paper law a ~ U(0.1, 5), ρ ~ U(0, π)"; }

SineTasks draw_sine_tasks(Rng& rng, Law law, Index B) {
  const double pi = std::acos(-1.0);
  SineTasks t{Mat<double>(2, B * kContext), Mat<double>::Zero(2, B), Vec<double>(B)};
  for (Index b = 0; b < B; ++b) {
    const double a = law == Law::Code ? rng.uniform(0.1, 0.5) : rng.uniform(0.1, 5);
    const double rho = law == Law::Code ? pi * (a - 0.1) / 0.4 : rng.uniform(0, pi);
    for (Index j = 0; j < kContext; ++j) {
      const double x = rng.uniform(-5, 5);
      t.C.col(b * kContext + j) << x, a * std::sin(x + rho);
    }
    t.Q(0, b) = rng.uniform(-5, 5);
    t.y(b) = a * std::sin(t.Q(0, b) + rho);
  }
  return t;
}

namespace {

using training::Gelu;

// One pass: the forward of every task, and with `upstream` (∂L/∂ŷ per task) the backward into `grad` (when given) and
// the tokens (`dtokens`, 2 × B(N + 1), when given).
template <class S>
struct Pass {
  const SineModel<S>& m;
  Index B, BN;
  Mat<S> tok, e, z, t, g, h, K, Qm, A, s;  // t: the GELU's tanh at z
  Vec<S> p, r, y_hat, y_init;

  Pass(const SineModel<S>& model, const Mat<S>& C, const Mat<S>& Q) : m(model), B(Q.cols()), BN(C.cols()) {
    const Gelu<S> gelu;
    tok.resize(2, BN + B);
    tok << C, Q;
    e = m.E * tok;
    z = m.W1 * e;
    z.colwise() += m.b1.col(0);
    t = z.unaryExpr([&](const S& v) { return gelu.inner_tanh(v); });
    g = z.binaryExpr(t, [&](const S& v, const S& w) { return gelu.value(v, w); });
    h = m.W2 * g;
    h.colwise() += m.b2.col(0);
    h += e;
    const auto Hc = h.leftCols(BN);
    const auto Hq = h.rightCols(B);
    K = m.WK * Hc;
    Qm = m.WQ * Hq;
    p = m.P.row(kLabel).transpose();
    r = m.WV.transpose() * p;
    s = r.transpose() * Hc;  // 1 × BN: the label coordinate of P W_V h_j
    A.resize(kContext, B);
    y_hat.resize(B);
    y_init = -Hq.row(kLabel).transpose();
    for (Index b = 0; b < B; ++b) {
      S sum = S(0);
      for (Index j = 0; j < kContext; ++j) {
        A(j, b) = K.col(b * kContext + j).dot(Qm.col(b));
        sum += s(0, b * kContext + j) * A(j, b);
      }
      y_hat(b) = y_init(b) - sum;
    }
  }

  void backward(const Vec<S>& u, SineModel<S>* grad, Mat<S>* dtokens) const {
    const Gelu<S> gelu;
    const auto Hc = h.leftCols(BN);
    const auto Hq = h.rightCols(B);
    Mat<S> ds(1, BN), dK(kWidth, BN), dQm = Mat<S>::Zero(kWidth, B);
    for (Index b = 0; b < B; ++b)
      for (Index j = 0; j < kContext; ++j) {
        const Index c = b * kContext + j;
        ds(0, c) = -u(b) * A(j, b);
        const S da = -u(b) * s(0, c);
        dK.col(c) = da * Qm.col(b);
        dQm.col(b) += da * K.col(c);
      }
    Mat<S> dh(kWidth, BN + B);
    dh.leftCols(BN) = m.WK.transpose() * dK + r * ds;
    dh.rightCols(B) = m.WQ.transpose() * dQm;
    dh.row(kLabel).tail(B) -= u.transpose();
    const Mat<S> dg = m.W2.transpose() * dh;
    Mat<S> dz(dg.rows(), dg.cols());
    for (Index i = 0; i < dz.size(); ++i) dz(i) = dg(i) * gelu.derivative(z(i), t(i));
    const Mat<S> de = dh + m.W1.transpose() * dz;
    if (grad) {
      grad->E = de * tok.transpose();
      grad->W1 = dz * e.transpose();
      grad->b1 = dz.rowwise().sum();
      grad->W2 = dh * g.transpose();
      grad->b2 = dh.rowwise().sum();
      if (m.attention_trained) {
        const Vec<S> dr = Hc * ds.transpose();
        grad->WK = dK * Hc.transpose();
        grad->WQ = dQm * Hq.transpose();
        grad->WV = p * dr.transpose();
        grad->P = Mat<S>::Zero(kWidth, kWidth);
        grad->P.row(kLabel) = (m.WV * dr).transpose();
      }
      grad->attention_trained = m.attention_trained;
    }
    if (dtokens) *dtokens = m.E.transpose() * de;
  }
};

}  // namespace

template <class S>
Mat<S> embed(const SineModel<S>& m, const Mat<S>& C, const Mat<S>& Q) {
  return Pass<S>(m, C, Q).h;
}

template <class S>
S loss_and_gradient(const SineModel<S>& m, const Mat<S>& C, const Mat<S>& Q, const Vec<S>& y, SineModel<S>* grad) {
  const Pass<S> pass(m, C, Q);
  const Vec<S> diff = pass.y_hat - y;
  const S B = S(double(y.size()));
  if (grad) pass.backward(diff / B, grad, nullptr);
  return S(0.5) * diff.squaredNorm() / B;
}

Readout readout(const SineModel<double>& m, const SineTasks& t) {
  const Pass<double> pass(m, t.C, t.Q);
  Mat<double> dtok;
  pass.backward(Vec<double>::Ones(t.tasks()), nullptr, &dtok);  // tasks are independent: row 0 of a query's column is ∂ŷ/∂x_test
  return {pass.y_hat, pass.y_init, dtok.row(0).tail(t.tasks()).transpose()};
}

template Mat<double> embed(const SineModel<double>&, const Mat<double>&, const Mat<double>&);
template double loss_and_gradient(const SineModel<double>&, const Mat<double>&, const Mat<double>&, const Vec<double>&,
                                  SineModel<double>*);
template Mpfr loss_and_gradient(const SineModel<Mpfr>&, const Mat<Mpfr>&, const Mat<Mpfr>&, const Vec<Mpfr>&, SineModel<Mpfr>*);

namespace {

Mat<double> normal(Rng& rng, Index rows, Index cols, double variance) {
  Mat<double> w(rows, cols);
  for (Index i = 0; i < w.size(); ++i) w(i) = std::sqrt(variance) * rng.normal();
  return w;
}

void k1_attention(SineModel<double>& m) {
  m.WK = Mat<double>::Identity(kWidth, kWidth);
  m.WK(kLabel, kLabel) = 0;
  m.WQ = m.WK;
  m.WV = Mat<double>::Zero(kWidth, kWidth);
  m.WV(kLabel, kLabel) = -1;
  m.P = Mat<double>::Zero(kWidth, kWidth);
  m.P(kLabel, kLabel) = kBaselineEta / double(kContext);
  m.attention_trained = false;
}

}  // namespace

SineModel<double> initial_tf(Rng& rng) {
  constexpr double kScale = TrainConfig::kCodeInitScale;
  SineModel<double> m;
  m.E = truncated_normal(rng, kWidth, 2, kScale, 2);
  m.W1 = truncated_normal(rng, kHidden, kWidth, kScale, kWidth);
  m.b1 = Mat<double>::Zero(kHidden, 1);
  m.W2 = truncated_normal(rng, kWidth, kHidden, kScale, kHidden);
  m.b2 = Mat<double>::Zero(kWidth, 1);
  m.WK = truncated_normal(rng, kWidth, kWidth, kScale, kWidth);
  m.WQ = truncated_normal(rng, kWidth, kWidth, kScale, kWidth);
  m.WV = truncated_normal(rng, kWidth, kWidth, kScale, kWidth);
  m.P = truncated_normal(rng, kWidth, kWidth, kScale, kWidth);
  return m;
}

SineModel<double> initial_baseline(Rng& rng) {
  SineModel<double> m;
  m.E = normal(rng, kWidth, 2, 0.002 / 2);
  m.W1 = normal(rng, kHidden, kWidth, 0.002 / 2);
  m.b1 = Mat<double>::Zero(kHidden, 1);
  m.W2 = normal(rng, kWidth, kHidden, 0.002 / 40);
  m.b2 = Mat<double>::Zero(kWidth, 1);
  k1_attention(m);
  return m;
}

namespace {

std::vector<Eigen::MatrixXd*> trained(SineModel<double>& m) {
  std::vector<Eigen::MatrixXd*> out;
  m.for_each_trained([&](Mat<double>& w) { out.push_back(&w); });
  return out;
}

double batch_gradient(const SineModel<double>& m, const SineTasks& t, std::vector<Eigen::MatrixXd>& grads) {
  return training::split_batch(t.tasks(), 2, [&](Index first, Index count, std::vector<Eigen::MatrixXd>& g) {
    SineModel<double> model_grad;
    const double loss = loss_and_gradient<double>(m, t.C.middleCols(first * kContext, count * kContext),
                                                  t.Q.middleCols(first, count), t.y.segment(first, count), &model_grad);
    for (auto* w : trained(model_grad)) g.push_back(std::move(*w));
    return loss;
  }, grads);
}

double evaluation_loss(const SineModel<double>& m, const SineTasks& t) {
  return loss_and_gradient<double>(m, t.C, t.Q, t.y, nullptr);
}

SineRun train(Model kind, Law law, long steps, uint64_t seed, const RunConfig& run) {
  Rng init(mix_seed(seed, "init")), data(mix_seed(seed, "tasks"));
  SineRun out;
  out.model = kind == Model::Tf ? initial_tf(init) : initial_baseline(init);
  const SineTasks curve_tasks = sine_evaluation(run, law).first(kCurveTasks);
  const double lr = kind == Model::Tf ? 1e-3 : 3e-4;
  Adam adam({lr, 0.9, kind == Model::Tf ? 0.98 : 0.999, 1e-8, 100});
  const long every = std::max(1L, std::min(1000L, steps / 5));
  std::vector<Eigen::MatrixXd> grads;
  const auto record = [&](long k) {
    out.t.push_back(double(k));
    out.eval_loss.push_back(evaluation_loss(out.model, curve_tasks));
  };
  record(0);
  training::train_loop({steps, every, training::Record::Sample,
                        fmt::format("vonoswald2023 sine: {}", kind == Model::Tf ? "TF (emb + MLP + LSA)" : "MLP + one GD step")},
                       [&](long k) {
                         const SineTasks batch = draw_sine_tasks(data, law, 2048);
                         const double loss = batch_gradient(out.model, batch, grads);
                         adam.step(trained(out.model), grads, lr);
                         if ((k + 1) % every == 0 || k + 1 == steps) record(k + 1);
                         return loss;
                       },
                       run);
  return out;
}

}  // namespace

const SineTasks& sine_evaluation(const RunConfig& run, Law law) {
  static std::map<std::string, SineTasks> sets;
  const std::string key = fmt::format("{} {}", run.seed, law_name(law));
  if (const auto it = sets.find(key); it != sets.end()) return it->second;
  Rng rng(run.seed_for("vonoswald2023/sine", fmt::format("evaluation {}", law_name(law))));
  return sets.emplace(key, draw_sine_tasks(rng, law, kEvaluationTasks)).first->second;
}

const SineRun& trained_sine(Model kind, Law law, long steps, long seed, const RunConfig& run) {
  static std::map<std::string, SineRun> runs;
  const uint64_t s = mix_seed(training_seed(run, seed), kind == Model::Tf ? "sine TF" : "sine baseline");
  const std::string key = fmt::format("vonoswald2023 sine {} {} steps={} batch=2048 seed={} eval-seed={}",
                                      kind == Model::Tf ? "TF" : "baseline", law_name(law), steps, s, run.seed);
  if (const auto it = runs.find(key); it != runs.end()) return it->second;
  const training::TrainedModel& tm = training::fixture(key, [&] {
    run.report_progress(fmt::format("vonoswald2023: training the sine {} ({} steps)", kind == Model::Tf ? "TF" : "baseline", steps));
    SineRun r = train(kind, law, steps, s, run);
    training::TrainedModel out;
    for (auto* p : trained(r.model)) out.params.push_back(*p);
    for (size_t i = 0; i < r.t.size(); ++i) out.curve.insert(out.curve.end(), {r.t[i], r.eval_loss[i]});
    return out;
  });
  SineRun r;
  Rng unused(0);
  r.model = kind == Model::Tf ? initial_tf(unused) : initial_baseline(unused);  // the architecture; stored weights replace it
  const auto ps = trained(r.model);
  for (size_t i = 0; i < ps.size(); ++i) *ps[i] = tm.params.at(i);
  for (size_t i = 0; i + 1 < tm.curve.size(); i += 2) {
    r.t.push_back(tm.curve[i]);
    r.eval_loss.push_back(tm.curve[i + 1]);
  }
  return runs.emplace(key, std::move(r)).first->second;
}

std::string sine_fixture(long s) { return training::seed_fixture("vonoswald2023/sine", s); }

namespace {
const auto sine_fixtures = seed_fixture_jobs("vonoswald2023/sine", [](const RunConfig& cfg, long s) {
  for (const Model k : {Model::Tf, Model::Baseline}) trained_sine(k, Law::Code, cfg.scaled(kSineSteps), s, cfg);
});
}  // namespace

}  // namespace icl::vonoswald2023::sine
