#include "properties/vonoswald2023/training.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "oracles/gd.hpp"
#include "training/adam.hpp"
#include "training/fixture.hpp"
#include "training/split_batch.hpp"
#include "training/trainer.hpp"

namespace icl::vonoswald2023 {

std::string TaskLaw::name() const {
  return fmt::format("d={} N={} x~U(-{},{})", d, N, half_width, half_width);
}

Tasks draw_tasks(Rng& rng, const TaskLaw& law, Index B) {
  const Index d = law.d, N = law.N;
  Tasks t;
  t.tokens.N = N;
  t.tokens.C.resize(d + 1, B * N);
  t.tokens.Q.resize(d + 1, B);
  t.y.resize(B);
  Vec<double> w(d);
  for (Index b = 0; b < B; ++b) {
    for (Index k = 0; k < d; ++k) w(k) = rng.normal();
    for (Index i = 0; i <= N; ++i) {
      auto e = i < N ? t.tokens.C.col(b * N + i) : t.tokens.Q.col(b);
      for (Index k = 0; k < d; ++k) e(k) = rng.uniform(-law.half_width, law.half_width);
      const double y = w.dot(e.head(d));
      if (i < N) e(d) = y;
      else e(d) = 0, t.y(b) = y;
    }
  }
  return t;
}

namespace {
// The transformer's sinusoidal code of position t: sin(t/10000^(2i/m)), cos(t/10000^(2i/m)) for i < m/2.
Vec<double> position_code(Index t, Index m) {
  Vec<double> p(m);
  for (Index i = 0; 2 * i < m; ++i) {
    const double angle = double(t) / std::pow(10000.0, double(2 * i) / double(m));
    p(2 * i) = std::sin(angle);
    if (2 * i + 1 < m) p(2 * i + 1) = std::cos(angle);
  }
  return p;
}
}  // namespace

Tasks interleave(const Tasks& t) {
  const Index N = t.tokens.N, B = t.tokens.tasks(), d = t.d(), P = kPositionCode, D = P + d;
  Tasks out;
  out.tokens.N = 2 * N;
  out.tokens.C = Mat<double>::Zero(D, 2 * N * B);
  out.tokens.Q.resize(D, B);
  out.y = t.y;
  for (Index b = 0; b < B; ++b) {
    for (Index i = 0; i < N; ++i) {
      const auto e = t.tokens.C.col(b * N + i);  // [x_i; y_i]
      auto x_token = out.tokens.C.col(2 * (b * N + i)), y_token = out.tokens.C.col(2 * (b * N + i) + 1);
      x_token.head(P) = position_code(2 * i, P);
      x_token.tail(d) = e.head(d);
      y_token.head(P) = position_code(2 * i + 1, P);
      y_token(D - 1) = e(d);
    }
    out.tokens.Q.col(b).head(P) = position_code(2 * N, P);
    out.tokens.Q.col(b).tail(d) = t.tokens.Q.col(b).head(d);
  }
  return out;
}

Tasks input_scaled_tasks(Rng& rng, const TaskLaw& law, double alpha, Index B) {
  Tasks t = draw_tasks(rng, law, B);
  t.tokens.C *= alpha;
  t.tokens.Q.topRows(law.d) *= alpha;
  t.y *= alpha;
  return t;
}

std::string TrainConfig::key() const {
  return fmt::format("vonoswald2023/lsa {} H={} K={} tied={} softmax={} steps={} batch={} every={} lr={} b2={} clip={}{}",
                     law.name(), heads, layers, tied, softmax, steps, batch, every, lr(), beta2, clip(),
                     fixed_tasks > 0 ? fmt::format(" fixed={}", fixed_tasks) : "") +
         (interleaved ? fmt::format(" interleaved positions={} query=raw", kPositionCode) : "") +
         (softmax_layers > 0 ? fmt::format(" softmax_layers={}", softmax_layers) : "") +
         (init_scale != kCodeInitScale ? fmt::format(" init={}", init_scale) : "") + (snapshots ? " snapshots" : "") +
         (layer_norm ? " layernorm" : "");
}

Mat<double> truncated_normal(Rng& rng, Index rows, Index cols, double scale, Index fan_in) {
  const double sigma = std::sqrt(scale / double(fan_in)) / 0.87962566103423978;
  Mat<double> w(rows, cols);
  for (Index i = 0; i < w.size(); ++i) {
    double z;
    do z = rng.normal();
    while (std::abs(z) > 2);
    w(i) = sigma * z;
  }
  return w;
}

namespace {

// Every matrix of every head (the LayerNorm's (γ, β) after its head's attention weights), in one order.
std::vector<Eigen::MatrixXd*> matrices(std::vector<HeadBlock<double>>& blocks) {
  std::vector<Eigen::MatrixXd*> ps;
  for (auto& b : blocks)
    for (auto& h : b) h.for_each([&](Eigen::MatrixXd& w) { ps.push_back(&w); });
  return ps;
}
std::vector<Eigen::MatrixXd*> parameters(LsaModel<double>& m) { return matrices(m.blocks); }
std::vector<Eigen::MatrixXd> flatten(std::vector<HeadBlock<double>>& g) {
  std::vector<Eigen::MatrixXd> out;
  for (auto* w : matrices(g)) out.push_back(std::move(*w));
  return out;
}

// The batch loss and gradient, summed over two fixed halves (on two threads when asked).
double batch_gradient(const LsaModel<double>& m, const Tasks& t, std::vector<Eigen::MatrixXd>& grads, int threads) {
  return training::split_batch(t.y.size(), threads, [&](Index first, Index count, std::vector<Eigen::MatrixXd>& g) {
    std::vector<HeadBlock<double>> blocks;
    const Tasks part = t.middle(first, count);
    const double loss = loss_and_gradient(m, part.tokens, part.y, &blocks);
    g = flatten(blocks);
    return loss;
  }, grads);
}

double evaluation_loss(const LsaModel<double>& m, const Tasks& eval) {
  return 0.5 * (predict(m, eval.tokens) - eval.y).squaredNorm() / double(eval.y.size());
}

}  // namespace

LsaModel<double> initial_model(const TrainConfig& c, Rng& rng) {
  const Index D = c.width(), k = D;
  LsaModel<double> m;
  m.layers = c.layers;
  m.tied = c.tied;
  m.softmax = c.softmax;
  m.softmax_layers = c.softmax_layers;
  m.clip = c.layers > 3;
  m.layer_norm = c.layer_norm;
  const double scale = c.init_scale / double(c.layers);
  for (Index l = 0; l < (c.tied ? 1 : c.layers); ++l) {
    m.blocks.emplace_back();
    for (Index h = 0; h < c.heads; ++h)
      m.blocks.back().push_back({truncated_normal(rng, k, D, scale, D), truncated_normal(rng, k, D, scale, D),
                                 truncated_normal(rng, k, D, scale, D), truncated_normal(rng, D, k, scale, c.heads * k)});
    if (m.norm_at(l)) {  // Haiku's LayerNorm init: scale 1, offset 0
      m.blocks.back().front().ln_scale = Mat<double>::Ones(D, 1);
      m.blocks.back().front().ln_offset = Mat<double>::Zero(D, 1);
    }
  }
  return m;
}

const Tasks& evaluation_tasks(const RunConfig& run, const TaskLaw& law) {
  static std::map<std::string, Tasks> sets;
  const std::string key = fmt::format("{} {}", run.seed, law.name());
  if (const auto it = sets.find(key); it != sets.end()) return it->second;
  Rng rng(run.seed_for("vonoswald2023/training", "evaluation " + law.name()));
  return sets.emplace(key, draw_tasks(rng, law, kEvaluationTasks)).first->second;
}

const Tasks& evaluation_tasks(const RunConfig& run, const TrainConfig& c) {
  if (!c.interleaved) return evaluation_tasks(run, c.law);
  static std::map<std::string, Tasks> sets;
  const std::string key = fmt::format("{} {}", run.seed, c.law.name());
  if (const auto it = sets.find(key); it != sets.end()) return it->second;
  return sets.emplace(key, interleave(evaluation_tasks(run, c.law))).first->second;
}

FixedTasks::FixedTasks(Tasks pool, long batch) : pool_(std::move(pool)), batch_(batch), order_(size_t(pool_.y.size())) {
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = Index(i);
}

Tasks FixedTasks::next(Rng& rng) {
  const Index B = pool_.y.size();
  if (B <= batch_) return pool_;
  const Index N = pool_.tokens.N, D = pool_.tokens.C.rows();
  Tasks t;
  t.tokens.N = N;
  t.tokens.C.resize(D, batch_ * N);
  t.tokens.Q.resize(D, batch_);
  t.y.resize(batch_);
  for (Index k = 0; k < batch_; ++k) {
    std::swap(order_[size_t(k)], order_[size_t(rng.integer(k, B - 1))]);
    const Index b = order_[size_t(k)];
    t.tokens.C.middleCols(k * N, N) = pool_.tokens.C.middleCols(b * N, N);
    t.tokens.Q.col(k) = pool_.tokens.Q.col(b);
    t.y(k) = pool_.y(b);
  }
  return t;
}

TrainedLsa train_lsa(const TrainConfig& c, uint64_t seed, const RunConfig& run, int threads) {
  Rng init(mix_seed(seed, "init")), data(mix_seed(seed, "tasks"));
  TrainedLsa out;
  out.model = initial_model(c, init);
  const Tasks& eval = evaluation_tasks(run, c);
  Adam adam({c.lr(), 0.9, c.beta2, 1e-8, c.clip()});
  std::vector<Eigen::MatrixXd> grads;
  const auto record = [&](long k) {
    out.t.push_back(double(k));
    out.eval_loss.push_back(evaluation_loss(out.model, eval));
    if (c.snapshots) out.snapshots.push_back(out.model);
  };
  record(0);
  FixedTasks pool(c.fixed_tasks > 0 ? draw_tasks(data, c.law, c.fixed_tasks) : Tasks{}, c.batch);
  training::train_loop(
      {c.steps, c.every, training::Record::Sample,
       fmt::format("vonoswald2023: {}-layer {}{} H = {}", c.layers,
                   c.softmax ? "softmax" : c.softmax_layers > 0 ? "softmax/LSA" : "LSA", c.interleaved ? " interleaved" : "",
                   c.heads)},
      [&](long k) {
        Tasks batch = c.fixed_tasks > 0 ? pool.next(data) : draw_tasks(data, c.law, c.batch);
        if (c.interleaved) batch = interleave(batch);
        const double loss = batch_gradient(out.model, batch, grads, threads);
        adam.step(parameters(out.model), grads, c.lr());
        if ((k + 1) % c.every == 0 || k + 1 == c.steps) record(k + 1);
        return loss;
      },
      run);
  return out;
}

const TrainedLsa& trained_lsa(const TrainConfig& c, uint64_t seed, const RunConfig& run) {
  static std::map<std::string, TrainedLsa> runs;  // per process, like the fixtures it unpacks
  const std::string key = fmt::format("{} seed={} eval-seed={}", c.key(), seed, run.seed);
  if (const auto it = runs.find(key); it != runs.end()) return it->second;
  const training::TrainedModel& tm = training::fixture(key, [&] {
    run.report_progress(fmt::format("vonoswald2023: training {} ({} steps)", c.key(), c.steps));
    TrainedLsa r = train_lsa(c, seed, run);
    training::TrainedModel out;
    for (auto* p : parameters(r.model)) out.params.push_back(*p);
    for (auto& snapshot : r.snapshots)  // after the final model, in the same order, one model per record
      for (auto* p : parameters(snapshot)) out.params.push_back(*p);
    for (size_t i = 0; i < r.t.size(); ++i) out.curve.insert(out.curve.end(), {r.t[i], r.eval_loss[i]});
    return out;
  });
  TrainedLsa r;
  Rng unused(0);
  r.model = initial_model(c, unused);  // the architecture; the stored matrices replace its weights
  const auto ps = parameters(r.model);
  for (size_t i = 0; i < ps.size(); ++i) *ps[i] = tm.params.at(i);
  for (size_t i = 0; i + 1 < tm.curve.size(); i += 2) {
    r.t.push_back(tm.curve[i]);
    r.eval_loss.push_back(tm.curve[i + 1]);
  }
  if (c.snapshots)
    for (size_t k = 0; k < r.t.size(); ++k) {
      r.snapshots.push_back(r.model);
      const auto sp = parameters(r.snapshots.back());
      for (size_t i = 0; i < sp.size(); ++i) sp[i]->operator=(tm.params.at((k + 1) * ps.size() + i));
    }
  return runs.emplace(key, std::move(r)).first->second;
}

LineSearch grid_line_search(const std::function<double(double)>& loss_at) {
  LineSearch best{0, std::numeric_limits<double>::infinity()};
  for (double eta = 0.001; eta <= 25; eta += 0.1)
    if (const double loss = loss_at(eta); loss < best.loss) best = {eta, loss};
  return best;
}

LineSearch grid_line_search(const std::vector<double>& y1, const std::vector<double>& y) {
  return grid_line_search([&](double eta) {
    double loss = 0;
    for (size_t t = 0; t < y.size(); ++t) loss += 0.5 * (eta * y1[t] - y[t]) * (eta * y1[t] - y[t]);
    return loss / double(y.size());
  });
}

GdPredictions gd_predictions(const Tasks& t, double eta) {
  const Index B = t.y.size(), d = t.d();
  GdPredictions out{Vec<double>(B), Mat<double>(d, B)};
  for (Index b = 0; b < B; ++b) {
    const Mat<double> W = oracle::gd_step<double>(Mat<double>::Zero(1, d), t.X(b), t.Y(b), eta);
    out.g.col(b) = W.row(0).transpose();
    out.y_hat(b) = W.row(0).dot(t.x_test(b));
  }
  return out;
}

TrainConfig one_layer_config(long steps) {
  TrainConfig c;
  c.steps = steps;
  return c;
}

uint64_t training_seed(const RunConfig& run, long s) { return run.seed_for("vonoswald2023/training", fmt::format("seed {}", s)); }

long training_seeds(const RunConfig& cfg) { return std::min(cfg.scaled(kSeedBudget), kTrainingSeeds); }

std::vector<training::FixtureRegistration> seed_fixture_jobs(const std::string& prefix,
                                                             std::function<void(const RunConfig&, long)> prepare) {
  return training::per_seed_fixtures(prefix, kTrainingSeeds, prepare, training_seeds);
}

std::string one_layer_fixture(long s) { return training::seed_fixture("vonoswald2023/one-layer", s); }

namespace {
const auto one_layer_fixtures = seed_fixture_jobs("vonoswald2023/one-layer", [](const RunConfig& cfg, long s) {
  trained_lsa(one_layer_config(cfg.scaled(kOneLayerSteps)), training_seed(cfg, s), cfg);
});
}  // namespace

}  // namespace icl::vonoswald2023
