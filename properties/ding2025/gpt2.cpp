#include "properties/ding2025/gpt2.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "properties/ding2025/lsa_training.hpp"
#include "training/adam.hpp"
#include "training/fixture.hpp"
#include "training/split_batch.hpp"
#include "training/trainer.hpp"

namespace icl::ding2025::gpt2 {

using training::Transformer;

training::TransformerShape shape(const Size& size) {
  training::TransformerShape c;
  c.in = kD + 1;
  c.out = 1;
  c.width = size.width;
  c.heads = size.heads;
  c.hidden = 4 * size.width;
  c.layers = size.layers;
  c.length = 2 * kLastChains;
  return c;  // read-in, positions, LayerNorm, MLP, causal softmax: the shape's defaults
}

long chains_at(long k, long steps) {
  const long ramp = std::max(1L, steps / 2);
  return std::min(kLastChains, kFirstChains + (kLastChains - kFirstChains) * k / ramp);
}

Mat<double> chain_tokens(const Mat<double>& X, const Vec<double>& y) {
  const Index d = X.rows(), n = X.cols();
  Mat<double> U = Mat<double>::Zero(d + 1, 2 * n);
  for (Index i = 0; i < n; ++i) {
    U.col(2 * i).head(d) = X.col(i);
    U(d, 2 * i + 1) = y(i);
  }
  return U;
}

Mat<double> prompt_tokens(const Prompt<double>& Z) {
  const Index d = Z.Z.rows() - 1;
  return chain_tokens(Z.Z.topRows(d), Z.Z.row(d).transpose());
}

Mat<double> predictions(const Transformer<double>& m, const Mat<double>& U, Index B) {
  const Index n = U.cols() / B / 2;
  const Mat<double> Y = transformer_forward(at_length(m, 2 * n), U);
  Mat<double> y_hat(B, n);
  for (Index b = 0; b < B; ++b)
    for (Index i = 0; i < n; ++i) y_hat(b, i) = Y(0, b * 2 * n + 2 * i);
  return y_hat;
}

double loss_and_gradient(const Transformer<double>& m, const Mat<double>& U, const Mat<double>& y,
                         Transformer<double>* grad) {
  const Index B = y.rows(), n = y.cols();
  const Transformer<double> view = at_length(m, 2 * n);
  training::TransformerTape<double> tape;
  const Mat<double> Y = transformer_forward(view, U, grad ? &tape : nullptr);
  Mat<double> dY = Mat<double>::Zero(1, Y.cols());
  double loss = 0;
  for (Index b = 0; b < B; ++b)
    for (Index i = 0; i < n; ++i) {
      const Index col = b * 2 * n + 2 * i;
      const double r = Y(0, col) - y(b, i);
      loss += r * r;
      dY(0, col) = 2 * r / double(B * n);
    }
  if (grad) {
    *grad = transformer_backward(view, tape, dY);
    pad_positions(*grad, m.shape.length);
  }
  return loss / double(B * n);
}

Transformer<double> at_length(const Transformer<double>& m, Index T) {
  if (T == m.shape.length) return m;
  if (T > m.shape.length) throw std::invalid_argument("gpt2: sequence longer than the model's positions");
  Transformer<double> v = m;
  v.shape.length = T;
  v.pos = m.pos.leftCols(T);
  return v;
}

void pad_positions(Transformer<double>& grad, Index full_length) {
  if (grad.pos.cols() == full_length) return;
  Mat<double> p = Mat<double>::Zero(grad.pos.rows(), full_length);
  p.leftCols(grad.pos.cols()) = grad.pos;
  grad.pos = p;
  grad.shape.length = full_length;
}

namespace {

// One step's batch: `chains` chains per prompt (chains − 1 context chains and the query with its realised label).
struct Batch {
  Mat<double> U, y;  // tokens (d + 1) × B·2n, labels B × n
};

Batch draw_batch(long chains, Index B, Rng& rng) {
  const MarkovPrompts data = draw_markov_prompts(kD, chains - 1, kP, B, rng, true);
  Batch out{Mat<double>(kD + 1, B * 2 * chains), Mat<double>(B, chains)};
  for (Index b = 0; b < B; ++b) {
    const Prompt<double>& Z = data.prompts[size_t(b)];
    Vec<double> y = Z.Z.row(kD).transpose();
    y(chains - 1) = data.y(b);
    out.U.middleCols(b * 2 * chains, 2 * chains) = chain_tokens(Z.Z.topRows(kD), y);
    out.y.row(b) = y.transpose();
  }
  return out;
}

Trained train(const Size& size, long steps, uint64_t seed, const RunConfig& run) {
  Rng init(mix_seed(seed, "init")), data(mix_seed(seed, "prompts"));
  Trained out{training::init_transformer(shape(size), init), {}};
  Adam adam({kLearningRate, 0.9, 0.999, 1e-8, 0});
  std::vector<Eigen::MatrixXd> grads;
  out.curve = training::train_loop(
      {steps, kEvery, training::Record::WindowMean, fmt::format("ding2025: GPT-2 {} on Markov chains", size.name)},
      [&](long k) {
        const long n = chains_at(k, steps);
        const Batch batch = draw_batch(n, kBatch, data);
        const double loss = training::split_batch(
            kBatch, 2,
            [&](Index first, Index count, std::vector<Eigen::MatrixXd>& g) {
              Transformer<double> grad;
              const double l = loss_and_gradient(out.model, batch.U.middleCols(first * 2 * n, count * 2 * n),
                                                 batch.y.middleRows(first, count), &grad);
              g.clear();
              grad.for_each([&](const Mat<double>& w) { g.push_back(w); });
              return l;
            },
            grads);
        std::vector<Eigen::MatrixXd*> params;
        out.model.for_each([&](Mat<double>& w) { params.push_back(&w); });
        adam.step(params, grads, kLearningRate);
        return loss;
      },
      run);
  return out;
}

}  // namespace

const Trained& trained(const Size& size, long steps, uint64_t seed, const RunConfig& run) {
  static std::map<std::string, Trained> runs;
  static std::mutex lock;  // the runner may read two sizes or seeds at once
  const std::lock_guard<std::mutex> guard(lock);
  const std::string key = fmt::format("ding2025 GPT-2 {} d={} p={} chains={}..{} batch={} lr={} steps={} seed={}",
                                      size.name, kD, kP, kFirstChains, kLastChains, kBatch, kLearningRate, steps, seed);
  if (const auto it = runs.find(key); it != runs.end()) return it->second;
  const training::TrainedModel& tm = training::fixture(key, [&] {
    run.report_progress(fmt::format("ding2025: training GPT-2 {} ({} steps)", size.name, steps));
    const Trained r = train(size, steps, seed, run);
    training::TrainedModel out;
    r.model.for_each([&](const Mat<double>& w) { out.params.push_back(w); });
    out.curve = r.curve;
    return out;
  });
  Rng unused(0);
  Trained r{training::init_transformer(shape(size), unused), tm.curve};
  size_t i = 0;
  r.model.for_each([&](Mat<double>& w) { w = tm.params.at(i++); });
  return runs.emplace(key, std::move(r)).first->second;
}

}  // namespace icl::ding2025::gpt2
