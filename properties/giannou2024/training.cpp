// Giannou family: the trainer of the EXP models and the fixture that shares them between EXP1 and EXP3.
#include "properties/giannou2024/training.hpp"

#include "core/finite_difference.hpp"
#include "training/fixture.hpp"
#include "training/trainer.hpp"

namespace icl::giannou2024 {

template <class S>
const Mat<S>& CausalBackprop<S>::forward(const std::vector<LsaLayer<S>>& layers, const Prompt<S>& p) {
  const size_t L = layers.size();
  Z_.resize(L + 1);
  Z_[0] = p.Z;
  size_t slot = 0;
  for (size_t l = 0; l < L; ++l) {
    const LsaLayer<S>& layer = layers[l];
    Z_[l + 1] = Z_[l];
    for (const Head<S>& h : layer.heads) {
      if (layer.keys != KeySet::Causal || !h.WK.isIdentity() || !h.WV.isIdentity())
        throw std::logic_error("CausalBackprop: the layer is not causal with W_K = W_V = I");
      if (Q_.size() <= slot) Q_.resize(slot + 1), A_.resize(slot + 1), ZA_.resize(slot + 1);
      Q_[slot].noalias() = h.WQ * Z_[l];
      // Key i reaches token j when i ≤ j: A is upper triangular, and only that half is computed or multiplied.
      A_[slot].setZero(Z_[l].cols(), Z_[l].cols());
      A_[slot].template triangularView<Eigen::Upper>() = Z_[l].transpose() * Q_[slot];
      ZA_[slot].noalias() = Z_[l] * A_[slot].template triangularView<Eigen::Upper>();
      Z_[l + 1].noalias() += layer.lambda * (h.P * ZA_[slot]);
      ++slot;
    }
  }
  return Z_[L];
}

template <class S>
void CausalBackprop<S>::backward(const std::vector<LsaLayer<S>>& layers, Mat<S> G, std::vector<Mat<S>>& grads) {
  if (grads.empty())
    for (const auto& layer : layers)
      for (const auto& h : layer.heads) {
        grads.push_back(Mat<S>::Zero(h.WQ.rows(), h.WQ.cols()));
        grads.push_back(Mat<S>::Zero(h.P.rows(), h.P.cols()));
      }
  G_ = std::move(G);
  size_t slot = 0;
  for (const auto& layer : layers) slot += layer.heads.size();
  for (size_t l = layers.size(); l-- > 0;) {
    const LsaLayer<S>& layer = layers[l];
    const Mat<S>& Z = Z_[l];
    next_ = G_;  // the residual
    slot -= layer.heads.size();
    for (size_t hi = 0; hi < layer.heads.size(); ++hi) {
      const Head<S>& h = layer.heads[hi];
      const size_t k = slot + hi;
      Mat<S>& dWQ = grads[2 * k];
      Mat<S>& dP = grads[2 * k + 1];
      dP.noalias() += layer.lambda * (G_ * ZA_[k].transpose());
      M_.noalias() = layer.lambda * (h.P.transpose() * G_);  // ∂/∂(Z A)
      next_.noalias() += M_ * A_[k].template triangularView<Eigen::Upper>().transpose();  // through the values Z
      dS_.setZero(Z.cols(), Z.cols());
      dS_.template triangularView<Eigen::Upper>() = Z.transpose() * M_;               // ∂/∂(scores)
      dQ_.noalias() = Z * dS_.template triangularView<Eigen::Upper>();                 // ∂/∂Q
      next_.noalias() += Q_[k] * dS_.template triangularView<Eigen::Upper>().transpose();  // through the keys Z
      dWQ.noalias() += dQ_ * Z.transpose();
      next_.noalias() += h.WQ.transpose() * dQ_;  // through the queries Z
    }
    std::swap(G_, next_);
  }
}

template <class S>
S CausalBackprop<S>::loss_and_gradient(const std::vector<LsaLayer<S>>& layers, const Prompt<S>& p, const S& target,
                                       std::vector<Mat<S>>& grads) {
  const Mat<S>& out = forward(layers, p);
  const Index label = out.rows() - 2, query = out.cols() - 1;
  const S err = out(label, query) - target;
  Mat<S> G = Mat<S>::Zero(out.rows(), out.cols());
  G(label, query) = err;
  backward(layers, std::move(G), grads);
  return err * err / S(2);
}

template class CausalBackprop<double>;
template class CausalBackprop<Mpfr>;

Model train(const TrainSpec& s, int L, uint64_t seed, std::vector<double>* curve, const RunConfig& cfg) {
  Rng rng(seed);
  Model m = init_model(rng, L, s.H, s.d + 2, s.N);
  Adam adam({s.lr, 0.9, 0.999, 1e-8, 1.0});
  CausalBackprop<double> backprop;
  std::vector<Mat<double>> grads;
  const auto step = [&](long k) {
    for (auto& g : grads) g.setZero();
    double loss = 0;
    for (long b = 0; b < s.batch; ++b) {
      const Task t = draw_task(rng, s.d, s.N, s.kappa);
      loss += backprop.loss_and_gradient(m.layers, task_prompt<double>(t), t.yt, grads);
    }
    for (auto& g : grads) g /= double(s.batch);
    adam.step(parameters(m), grads, cosine_lr(s.lr, 0.05, k, s.steps));
    return loss / double(s.batch);
  };
  const std::vector<double> c = training::train_loop(
      {s.steps, 50, training::Record::WindowMean, fmt::format("EXP: {}-layer causal LSA", L)}, step, cfg);
  if (curve) *curve = c;
  return m;
}

namespace {

std::string model_key(const TrainSpec& s, int L, uint64_t seed) {
  return fmt::format("giannou2024/causal-lsa L={} d={} N={} H={} kappa={} steps={} batch={} lr={} seed={}", L, s.d, s.N,
                     s.H, s.kappa, s.steps, s.batch, s.lr, seed);
}

// Training seed 0 keeps the purposes of a single run ("train<L>"); seeds k > 0 append "/k".
Model depth_model(const RunConfig& cfg, const TrainSpec& s, int L, int k) {
  const uint64_t seed = cfg.seed_for("giannou2024/EXP1", "train" + std::to_string(L) + (k == 0 ? "" : "/" + std::to_string(k)));
  const training::TrainedModel& tm = training::fixture(model_key(s, L, seed), [&] {
    cfg.report_progress(fmt::format("EXP1: training a {}-layer causal LSA ({} steps × batch {})", L, s.steps, s.batch));
    Model m = train(s, L, seed, nullptr, cfg);
    training::TrainedModel out;
    for (auto* p : parameters(m)) out.params.push_back(*p);
    return out;
  });
  Rng rng(seed);
  Model m = init_model(rng, L, s.H, s.d + 2, s.N);  // the architecture; the trained matrices replace its weights
  const auto ps = parameters(m);
  for (size_t i = 0; i < ps.size(); ++i) *ps[i] = tm.params.at(i);
  return m;
}

const auto depth_fixtures = training::per_seed_fixtures("giannou2024/causal-lsa-depths", kMaxExpSeeds, [](const RunConfig& cfg, long k) {
  for (int L = 1; L <= 5; ++L) depth_model(cfg, spec_from(cfg), L, int(k));
});

}  // namespace

std::string depths_fixture(int k) { return training::seed_fixture("giannou2024/causal-lsa-depths", k); }

std::vector<DepthResult> trained_depths(const RunConfig& cfg, const TrainSpec& s, int k) {
  const std::vector<Task> tests = test_set(cfg.seed_for("giannou2024/EXP1", "test"), s, 1000);
  std::vector<DepthResult> out;
  for (int L = 1; L <= 5; ++L) {
    Model m = depth_model(cfg, s, L, k);
    const auto layers = m.layers;
    out.push_back({L, relative_error(tests, [&](const Task& t) { return predict(layers, task_prompt<double>(t)); }),
                   relative_error(tests, [&](const Task& t) { return newton_prediction(t, 2, L); }),
                   relative_error(tests, [&](const Task& t) { return newton_prediction(t, 3, L); }), std::move(m)});
  }
  return out;
}

training::GradientCheck gradient_check(const Model& m, const Task& t, double perturb) {
  PrecisionScope scope(kCentralDifferenceBits);
  auto layers = m.as<Mpfr>();
  const Prompt<Mpfr> p = task_prompt<Mpfr>(t);
  const Mpfr target(t.yt);
  std::vector<Mat<Mpfr>> grads;
  CausalBackprop<Mpfr>().loss_and_gradient(layers, p, target, grads);  // the trainer's gradient …
  std::vector<Mpfr*> entries;
  std::vector<Mpfr> analytic;
  size_t gi = 0;
  for (auto& l : layers)
    for (auto& hd : l.heads)
      for (Mat<Mpfr>* w : {&hd.WQ, &hd.P}) {
        for (Index i = 0; i < w->size(); i += 3) {  // every third entry
          entries.push_back(&(*w)(i));
          analytic.push_back(grads[gi](i) * Mpfr(perturb));
        }
        ++gi;
      }
  return training::check_gradient(entries, analytic, ScalarTraits<Mpfr>::unit_roundoff(),  // … against the construction's forward
                                  [&] { return loss_and_gradient<Mpfr>(layers, p, target, nullptr); });
}

}  // namespace icl::giannou2024
