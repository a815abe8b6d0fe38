#include "properties/vonoswald2023/block.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "constructions/attention.hpp"
#include "properties/vonoswald2023/deep.hpp"
#include "training/adam.hpp"
#include "training/fixture.hpp"
#include "training/split_batch.hpp"
#include "training/trainer.hpp"

namespace icl::vonoswald2023::block {

using training::Transformer;

training::TransformerShape stack_shape(const Stack& st) {
  const TaskLaw law = s_code_tasks();
  training::TransformerShape c;
  c.in = c.out = c.width = c.key = law.d + 1;
  c.heads = st.heads;
  c.hidden = kWidening * c.width;
  c.layers = st.layers;
  c.length = law.N + 1;
  c.keys = law.N;
  c.clip = st.layers > 3 ? kTokenClip : 0;
  c.read_in = c.read_out = c.positions = c.layer_norm = c.causal = c.softmax = false;
  return c;
}

TrainConfig stack_config(const Stack& st, long steps) {
  TrainConfig c = one_layer_config(steps);
  c.layers = st.layers;
  c.heads = st.heads;
  c.tied = false;
  c.fixed_tasks = st.fixed_tasks;
  return c;
}

Mat<double> block_tokens(const Tasks& t) {
  const Index N = t.tokens.N, B = t.y.size();
  Mat<double> U(t.tokens.C.rows(), B * (N + 1));
  for (Index b = 0; b < B; ++b) {
    U.middleCols(b * (N + 1), N) = t.tokens.C.middleCols(b * N, N);
    U.col(b * (N + 1) + N) = t.tokens.Q.col(b);
  }
  return U;
}

namespace {

Index query_column(Index b) { return b * (s_code_tasks().N + 1) + s_code_tasks().N; }

Vec<double> readout(const Mat<double>& Y, Index B) {
  Vec<double> y_hat(B);
  for (Index b = 0; b < B; ++b) y_hat(b) = -Y(Y.rows() - 1, query_column(b));
  return y_hat;
}

// ½-MSE of the batch and its gradient, the batch taken 256 tasks at a time through one reused tape: the 12-block
// stack's tape for a whole batch half is ≈ 0.45 GB of fresh pages, a chunk's ≈ 0.1 GB, filled again in place.
double loss_and_gradient(const Transformer<double>& m, const Tasks& t, std::vector<Eigen::MatrixXd>& grads) {
  constexpr Index kChunk = 256;
  const Index B = t.y.size();
  training::TransformerTape<double> tape;
  double loss = 0;
  grads.clear();
  for (Index first = 0; first < B; first += kChunk) {
    const Index n = std::min(kChunk, B - first);
    const Tasks c = t.middle(first, n);
    const Mat<double> Y = transformer_forward(m, block_tokens(c), &tape);
    const Vec<double> diff = readout(Y, n) - c.y;
    Mat<double> dY = Mat<double>::Zero(Y.rows(), Y.cols());
    for (Index b = 0; b < n; ++b) dY(Y.rows() - 1, query_column(b)) = -diff(b) / double(B);
    const Transformer<double> g = transformer_backward(m, tape, dY);
    size_t i = 0;
    g.for_each([&](const Mat<double>& w) {
      if (first == 0) grads.push_back(w);
      else grads[i++] += w;
    });
    loss += 0.5 * diff.squaredNorm() / double(B);
  }
  return loss;
}

// The fixed set, the first draw of a run's task stream (block_training_set reads it back).
Tasks draw_training_set(Rng& data) { return draw_tasks(data, s_code_tasks(), kFixedTasks); }

Transformer<double> initial_stack(const Stack& st, Rng& rng) {
  Transformer<double> m = init_transformer(stack_shape(st), rng);  // the shape's matrices; the code's init replaces them
  const Index D = m.shape.width, HK = m.shape.heads * m.shape.key_size(), F = m.shape.hidden;
  const double scale = TrainConfig::kCodeInitScale / double(st.layers);
  for (auto& k : m.blocks) {
    for (Mat<double>* w : {&k.WK, &k.WQ, &k.WV}) *w = truncated_normal(rng, HK, D, scale, D);
    k.WO = truncated_normal(rng, D, HK, scale, HK);
    k.W1 = truncated_normal(rng, F, D, scale, D);
    k.W2 = truncated_normal(rng, D, F, scale, F);
  }
  return m;
}

TrainedBlock train(const Stack& st, long steps, uint64_t seed, const RunConfig& run) {
  const TaskLaw law = s_code_tasks();
  Rng init(mix_seed(seed, "init")), data(mix_seed(seed, "tasks"));
  TrainedBlock out;
  out.model = initial_stack(st, init);
  const Tasks& eval = evaluation_tasks(run, law);
  const TrainConfig c = stack_config(st, steps);
  FixedTasks pool(c.fixed_tasks > 0 ? draw_training_set(data) : Tasks{}, c.batch);
  Adam adam({c.lr(), 0.9, c.beta2, 1e-8, c.clip()});
  std::vector<Eigen::MatrixXd> grads;
  const auto record = [&](long k) {
    out.t.push_back(double(k));
    out.eval_loss.push_back(half_mse(block_predictions(out.model, eval), eval.y));
    if (c.fixed_tasks > 0) out.train_loss.push_back(half_mse(block_predictions(out.model, pool.all()), pool.all().y));
  };
  record(0);
  training::train_loop({steps, c.every, training::Record::Sample,
                        fmt::format("vonoswald2023: {} attention + MLP block{} of {} head{}{}", st.layers,
                                    st.layers == 1 ? "" : "s", st.heads, st.heads == 1 ? "" : "s",
                                    c.fixed_tasks > 0 ? fmt::format(", {} fixed tasks", c.fixed_tasks) : "")},
                       [&](long k) {
                         const Tasks batch = c.fixed_tasks > 0 ? pool.next(data) : draw_tasks(data, law, c.batch);
                         const double loss = training::split_batch(
                             batch.y.size(), 2,
                             [&](Index first, Index count, std::vector<Eigen::MatrixXd>& g) {
                               return loss_and_gradient(out.model, batch.middle(first, count), g);
                             },
                             grads);
                         std::vector<Eigen::MatrixXd*> params;
                         out.model.for_each([&](Mat<double>& w) { params.push_back(&w); });
                         adam.step(params, grads, c.lr());
                         if ((k + 1) % c.every == 0 || k + 1 == steps) record(k + 1);
                         return loss;
                       },
                       run);
  return out;
}

}  // namespace

Vec<double> block_predictions(const Transformer<double>& m, const Tasks& t) {
  constexpr Index kChunk = 2048;  // bounds the forward pass's memory
  const Index B = t.y.size();
  Vec<double> y_hat(B);
  for (Index first = 0; first < B; first += kChunk) {
    const Index n = std::min(kChunk, B - first);
    y_hat.segment(first, n) = readout(transformer_forward(m, block_tokens(t.middle(first, n))), n);
  }
  return y_hat;
}

Tasks block_training_set(uint64_t seed) {
  Rng data(mix_seed(seed, "tasks"));
  return draw_training_set(data);
}

double stack_vs_construction(const Transformer<double>& m, const Tasks& eval, KeySet keys) {
  const Tasks t = eval.first(64);
  training::TransformerTape<double> tape;
  transformer_forward(m, block_tokens(t), &tape);
  const Index N = t.tokens.N, dk = m.shape.key_size();
  double worst = 0, scale = 0;
  for (size_t l = 0; l < m.blocks.size(); ++l) {
    const auto& k = m.blocks[l];
    LsaLayer<double> layer{{}, 1.0, keys};
    for (Index h = 0; h < m.shape.heads; ++h)
      layer.heads.push_back({k.WK.middleRows(h * dk, dk), k.WQ.middleRows(h * dk, dk), k.WV.middleRows(h * dk, dk),
                             k.WO.middleCols(h * dk, dk)});
    const auto& L = tape.layers[l];
    for (Index b = 0; b < t.y.size(); ++b) {
      const Mat<double> built = forward(layer, Prompt<double>{L.X.middleCols(b * (N + 1), N + 1), N}).Z;
      Mat<double> trained = L.X1.middleCols(b * (N + 1), N + 1);
      trained.colwise() -= k.bO.col(0);
      worst = std::max(worst, (trained - built).cwiseAbs().maxCoeff());
      scale = std::max(scale, built.cwiseAbs().maxCoeff());
    }
  }
  return worst / scale;
}

const TrainedBlock& trained_stack(const Stack& st, long steps, uint64_t seed, const RunConfig& run) {
  static std::map<std::string, TrainedBlock> runs;
  const std::string key = fmt::format("vonoswald2023 attention+MLP stack layers={} heads={} widening={} fixed={} steps={} "
                                      "seed={} eval-seed={}",
                                      st.layers, st.heads, kWidening, st.fixed_tasks, steps, seed, run.seed);
  if (const auto it = runs.find(key); it != runs.end()) return it->second;
  const size_t stride = st.fixed_tasks > 0 ? 3 : 2;  // (t, evaluation loss[, training loss]) per record
  const training::TrainedModel& tm = training::fixture(key, [&] {
    run.report_progress(fmt::format("vonoswald2023: training {} attention + MLP block{} ({} steps)", st.layers,
                                    st.layers == 1 ? "" : "s", steps));
    const TrainedBlock r = train(st, steps, seed, run);
    training::TrainedModel out;
    r.model.for_each([&](const Mat<double>& w) { out.params.push_back(w); });
    for (size_t i = 0; i < r.t.size(); ++i) {
      out.curve.insert(out.curve.end(), {r.t[i], r.eval_loss[i]});
      if (stride == 3) out.curve.push_back(r.train_loss[i]);
    }
    return out;
  });
  TrainedBlock r;
  Rng unused(0);
  r.model = initial_stack(st, unused);
  size_t i = 0;
  r.model.for_each([&](Mat<double>& w) { w = tm.params.at(i++); });
  for (size_t j = 0; j + stride <= tm.curve.size(); j += stride) {
    r.t.push_back(tm.curve[j]);
    r.eval_loss.push_back(tm.curve[j + 1]);
    if (stride == 3) r.train_loss.push_back(tm.curve[j + 2]);
  }
  return runs.emplace(key, std::move(r)).first->second;
}

std::string stack_fixture(const Stack& st, long s) { return training::seed_fixture(st.name, s); }

}  // namespace icl::vonoswald2023::block
