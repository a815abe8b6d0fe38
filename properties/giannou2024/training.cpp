// Giannou family: the trainer of the EXP models and the fixture that shares them between EXP1 and EXP3.
#include "properties/giannou2024/training.hpp"

#include <type_traits>

#include "core/finite_difference.hpp"
#include "training/fixture.hpp"
#include "training/trainer.hpp"

namespace icl::giannou2024 {

namespace {

// The per-token loops below run on r × r blocks. For doubles at the EXP models' token sizes (d + 2 = 5 and 7) the
// blocks have their size at compile time, so Eigen unrolls them; every other case keeps the dynamic size.
template <class S, class F>
void with_rows(Index r, F&& f) {
  if constexpr (std::is_same_v<S, double>) {
    if (r == 5) return f(std::integral_constant<int, 5>{});
    if (r == 7) return f(std::integral_constant<int, 7>{});
  }
  f(std::integral_constant<int, Eigen::Dynamic>{});
}

template <class S, int R>
using ColumnOf = Eigen::Map<Eigen::Matrix<S, R, 1>>;
template <class S, int R>
using ConstColumnOf = Eigen::Map<const Eigen::Matrix<S, R, 1>>;
template <class S, int R>
using SquareOf = Eigen::Map<Eigen::Matrix<S, R, R>>;
template <class S, int R>
using ConstSquareOf = Eigen::Map<const Eigen::Matrix<S, R, R>>;

// (Z A)_j = C_j q_j and C_j of the formula at the call, one token j at a time; C holds C_0 … C_{n−1} side by side.
template <class S, int R>
void causal_columns(const Mat<S>& Z, const Mat<S>& Q, Mat<S>& C, Mat<S>& ZA) {
  const Index r = Z.rows(), n = Z.cols();
  Eigen::Matrix<S, R, R> acc = Eigen::Matrix<S, R, R>::Zero(r, r);
  for (Index j = 0; j < n; ++j) {
    const ConstColumnOf<S, R> z(Z.col(j).data(), r);
    acc.noalias() += z * z.transpose();
    SquareOf<S, R>(C.col(j * r).data(), r, r) = acc;
    ColumnOf<S, R>(ZA.col(j).data(), r).noalias() = acc.lazyProduct(ConstColumnOf<S, R>(Q.col(j).data(), r));
  }
}

// The backward of causal_columns (the formulas at its call).
template <class S, int R>
void causal_columns_backward(const Mat<S>& Z, const Mat<S>& Q, const Mat<S>& C, const Mat<S>& M, Mat<S>& dQ,
                             Mat<S>& next) {
  const Index r = Z.rows(), n = Z.cols();
  Eigen::Matrix<S, R, R> D = Eigen::Matrix<S, R, R>::Zero(r, r);
  for (Index j = n; j-- > 0;) {
    const ConstColumnOf<S, R> m(M.col(j).data(), r), z(Z.col(j).data(), r);
    ColumnOf<S, R>(dQ.col(j).data(), r).noalias() = ConstSquareOf<S, R>(C.col(j * r).data(), r, r).lazyProduct(m);
    D.noalias() += m * ConstColumnOf<S, R>(Q.col(j).data(), r).transpose();
    ColumnOf<S, R> g(next.col(j).data(), r);
    g.noalias() += D.lazyProduct(z);
    g.noalias() += D.transpose().lazyProduct(z);
  }
}

template <class S>
void require_causal(const LsaLayer<S>& layer, const Head<S>& h) {
  if (layer.keys != KeySet::Causal || !h.WK.isIdentity() || !h.WV.isIdentity())
    throw std::logic_error("CausalBackprop: the layer is not causal with W_K = W_V = I");
}
}  // namespace

template <class S>
const Vec<S>& CausalBackprop<S>::forward_query(const std::vector<LsaLayer<S>>& layers, const Prompt<S>& p) {
  const size_t L = layers.size();
  Z_.resize(L);
  Z_[0] = p.Z;
  size_t slot = 0;
  for (size_t l = 0; l + 1 < L; ++l) {  // the full layers
    const LsaLayer<S>& layer = layers[l];
    Z_[l + 1] = Z_[l];
    for (const Head<S>& h : layer.heads) {
      require_causal(layer, h);
      if (Q_.size() <= slot) Q_.resize(slot + 1), C_.resize(slot + 1), ZA_.resize(slot + 1);
      Q_[slot] = h.WQ.lazyProduct(Z_[l]);
      // Key i reaches token j when i ≤ j: (Z A)_j = C_j q_j with C_j = Σ_{i ≤ j} z_i z_iᵀ (kept for the backward pass).
      const Mat<S>& Z = Z_[l];
      const Index r = Z.rows(), n = Z.cols();
      C_[slot].resize(r, r * n);
      ZA_[slot].resize(r, n);
      with_rows<S>(r, [&](auto R) { causal_columns<S, decltype(R)::value>(Z, Q_[slot], C_[slot], ZA_[slot]); });
      Z_[l + 1] += layer.lambda * h.P.lazyProduct(ZA_[slot]);
      ++slot;
    }
  }
  const LsaLayer<S>& last = layers[L - 1];
  const Mat<S>& Z = Z_[L - 1];
  const size_t H = last.heads.size();
  q_.resize(H), a_.resize(H), za_.resize(H);
  out_ = Z.col(Z.cols() - 1);
  for (size_t h = 0; h < H; ++h) {
    require_causal(last, last.heads[h]);
    q_[h] = last.heads[h].WQ * Z.col(Z.cols() - 1);
    a_[h] = Z.transpose() * q_[h];
    za_[h] = Z * a_[h];
    out_ += last.lambda * (last.heads[h].P * za_[h]);
  }
  return out_;
}

template <class S>
void CausalBackprop<S>::backward_query(const std::vector<LsaLayer<S>>& layers, const Vec<S>& g, std::vector<Mat<S>>& grads) {
  if (grads.empty())
    for (const auto& layer : layers)
      for (const auto& h : layer.heads) {
        grads.push_back(Mat<S>::Zero(h.WQ.rows(), h.WQ.cols()));
        grads.push_back(Mat<S>::Zero(h.P.rows(), h.P.cols()));
      }
  const size_t L = layers.size();
  size_t slot = 0;
  for (size_t l = 0; l + 1 < L; ++l) slot += layers[l].heads.size();
  // The last layer, whose output gradient is g in the query column q only: with m = λ P_hᵀ g and s = Zᵀ m,
  // ∂/∂P_h = λ g (Z a)ᵀ, ∂/∂W_Q = (Z s) z_qᵀ, and ∂/∂Z = g e_qᵀ + Σ_h m aᵀ + (W_Q z_q) sᵀ + (W_Qᵀ Z s) e_qᵀ.
  {
    const LsaLayer<S>& last = layers[L - 1];
    const Mat<S>& Z = Z_[L - 1];
    const Index q = Z.cols() - 1;
    G_ = Mat<S>::Zero(Z.rows(), Z.cols());
    G_.col(q) = g;
    for (size_t h = 0; h < last.heads.size(); ++h) {
      const Head<S>& hd = last.heads[h];
      grads[2 * (slot + h) + 1].noalias() += last.lambda * (g * za_[h].transpose());
      m_ = last.lambda * (hd.P.transpose() * g);
      s_ = Z.transpose() * m_;
      Zs_ = Z * s_;
      grads[2 * (slot + h)].noalias() += Zs_ * Z.col(q).transpose();
      G_.noalias() += m_ * a_[h].transpose() + q_[h] * s_.transpose();
      G_.col(q) += hd.WQ.transpose() * Zs_;
    }
  }
  for (size_t l = L - 1; l-- > 0;) {  // the full layers
    const LsaLayer<S>& layer = layers[l];
    const Mat<S>& Z = Z_[l];
    next_ = G_;  // the residual
    slot -= layer.heads.size();
    for (size_t hi = 0; hi < layer.heads.size(); ++hi) {
      const Head<S>& h = layer.heads[hi];
      const size_t k = slot + hi;
      Mat<S>& dWQ = grads[2 * k];
      Mat<S>& dP = grads[2 * k + 1];
      dP += layer.lambda * G_.lazyProduct(ZA_[k].transpose());
      M_ = layer.lambda * h.P.transpose().lazyProduct(G_);  // ∂/∂(Z A), columns m_j
      // Through the queries: ∂/∂q_j = C_j m_j. Through the keys and values: z_i enters every C_j with j ≥ i, so
      // ∂/∂z_i = (D_i + D_iᵀ) z_i with D_i = Σ_{j ≥ i} m_j q_jᵀ.
      dQ_.resize(Z.rows(), Z.cols());
      with_rows<S>(Z.rows(), [&](auto R) { causal_columns_backward<S, decltype(R)::value>(Z, Q_[k], C_[k], M_, dQ_, next_); });
      dWQ += dQ_.lazyProduct(Z.transpose());
      next_ += h.WQ.transpose().lazyProduct(dQ_);  // through the queries Z
    }
    std::swap(G_, next_);
  }
}

template <class S>
S CausalBackprop<S>::loss_and_gradient(const std::vector<LsaLayer<S>>& layers, const Prompt<S>& p, const S& target,
                                       std::vector<Mat<S>>& grads) {
  const Vec<S>& out = forward_query(layers, p);
  const Index label = out.size() - 2;
  const S err = out(label) - target;
  Vec<S> g = Vec<S>::Zero(out.size());
  g(label) = err;
  backward_query(layers, g, grads);
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

}  // namespace

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

namespace {

// Seed k trains every depth when EXP1's sweep reads it at this effort, else the 2-layer model EXP3 reads.
const auto depth_fixtures = training::per_seed_fixtures("giannou2024/causal-lsa-depths", kMaxExpSeeds, [](const RunConfig& cfg, long k) {
  const bool sweep = k < cfg.scaled(kDepthSweepSeeds);
  for (int L = 1; L <= 5; ++L)
    if (sweep || L == 2) depth_model(cfg, spec_from(cfg), L, int(k));
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

training::TransformerShape read_in_shape(const TrainSpec& s, int L, bool layer_norm) {
  training::TransformerShape c;
  c.in = s.d + 2, c.out = 1, c.width = kReadInWidth, c.heads = s.H, c.layers = L, c.length = s.N + 1;
  c.positions = false, c.mlp = false, c.softmax = false, c.layer_norm = layer_norm;  // causal, read-in and read-out
  return c;
}

Mat<double> task_tokens(const std::vector<Task>& tasks) {
  const Index T = tasks[0].X.cols() + 1, D = tasks[0].X.rows() + 2;
  Mat<double> U(D, Index(tasks.size()) * T);
  for (size_t b = 0; b < tasks.size(); ++b) U.middleCols(Index(b) * T, T) = task_prompt<double>(tasks[b]).Z;
  return U;
}

namespace {

// ½ mean ‖ŷ − target‖² at the queries (the last token) of the batch U of B prompts, and with `grad` its gradient.
template <class S>
S query_loss(const training::Transformer<S>& m, const Mat<S>& U, const Mat<S>& targets, training::Transformer<S>* grad) {
  const Index T = m.shape.length, B = targets.cols();
  training::TransformerTape<S> tape;
  const Mat<S> Y = training::transformer_forward(m, U, grad ? &tape : nullptr);
  Mat<S> dY = Mat<S>::Zero(Y.rows(), Y.cols());
  S loss(0);
  for (Index b = 0; b < B; ++b) {
    const Vec<S> r = Y.col(b * T + T - 1) - targets.col(b);
    loss += r.squaredNorm() / S(2 * double(B));
    dY.col(b * T + T - 1) = r / S(double(B));
  }
  if (grad) *grad = training::transformer_backward(m, tape, dY);
  return loss;
}

}  // namespace

training::Transformer<double> train_query_model(const training::TransformerShape& shape, double init_std,
                                                const TrainSpec& s, long steps, const QueryBatch& batch, uint64_t seed,
                                                const std::string& label, const RunConfig& cfg) {
  Rng rng(seed);
  training::Transformer<double> m = training::init_transformer(shape, rng, init_std);
  Adam adam({s.lr, 0.9, 0.999, 1e-8, 1.0});
  std::vector<Eigen::MatrixXd*> params;
  m.for_each([&](Mat<double>& w) { params.push_back(&w); });
  std::vector<Eigen::MatrixXd> grads;
  const auto step = [&](long k) {
    const auto [U, targets] = batch(rng);
    training::Transformer<double> g;
    const double loss = query_loss(m, U, targets, &g);
    grads.clear();
    g.for_each([&](const Mat<double>& w) { grads.push_back(w); });
    adam.step(params, grads, cosine_lr(s.lr, 0.05, k, steps));
    return loss;
  };
  training::train_loop({steps, 50, training::Record::WindowMean, label}, step, cfg);
  return m;
}

Mat<double> query_outputs(const training::Transformer<double>& m, const Mat<double>& U) {
  const Mat<double> Y = training::transformer_forward(m, U);
  const Index T = m.shape.length, B = Y.cols() / T;
  Mat<double> out(Y.rows(), B);
  for (Index b = 0; b < B; ++b) out.col(b) = Y.col(b * T + T - 1);
  return out;
}

training::GradientCheck query_gradient_check(const training::Transformer<double>& m, const Mat<double>& U,
                                             const Mat<double>& targets, double perturb) {
  PrecisionScope scope(kCentralDifferenceBits);
  training::Transformer<Mpfr> mm = m.cast<Mpfr>();
  const Mat<Mpfr> UU = U.cast<Mpfr>(), tt = targets.cast<Mpfr>();
  training::Transformer<Mpfr> g;
  query_loss(mm, UU, tt, &g);
  std::vector<Mat<Mpfr>*> ws;
  std::vector<const Mat<Mpfr>*> ds;
  mm.for_each([&](Mat<Mpfr>& w) { ws.push_back(&w); });
  g.for_each([&](const Mat<Mpfr>& w) { ds.push_back(&w); });
  // About kQueryGradientEntries entries spread over every parameter matrix (an odd stride, so that it does not
  // follow the rows).
  Index total = 0;
  for (const Mat<Mpfr>* w : ws) total += w->size();
  const Index stride = std::max<Index>(1, total / kQueryGradientEntries) | 1;
  return training::check_gradient_sampled(ws, ds, stride, 1, perturb,
                                          [&] { return query_loss<Mpfr>(mm, UU, tt, nullptr); });
}

training::Transformer<double> read_in_model(const RunConfig& cfg, const TrainSpec& s, int L, bool layer_norm, int k) {
  const uint64_t seed = cfg.seed_for("giannou2024/EXP1", fmt::format("read-in{}/{}/{}", layer_norm ? "+LN" : "", L, k));
  const std::string key = fmt::format("giannou2024/read-in-lsa{} L={} d={} N={} H={} width={} init={} kappa={} steps={} "
                                      "batch={} lr={} seed={}", layer_norm ? "+LN" : "", L, s.d, s.N, s.H, kReadInWidth,
                                      kReadInInitStd, s.kappa, s.steps, s.batch, s.lr, seed);
  const training::TrainedModel& tm = training::fixture(key, [&] {
    cfg.report_progress(fmt::format("EXP1: training a {}-layer read-in LSA{} ({} steps × batch {})", L,
                                    layer_norm ? "+LN" : "", s.steps, s.batch));
    training::TrainedModel out;
    const QueryBatch batch = [&](Rng& rng) {
      std::vector<Task> tasks(size_t(s.batch));
      Mat<double> targets(1, s.batch);
      for (Index b = 0; b < s.batch; ++b) tasks[size_t(b)] = draw_task(rng, s.d, s.N, s.kappa), targets(0, b) = tasks[size_t(b)].yt;
      return std::make_pair(task_tokens(tasks), targets);
    };
    train_query_model(read_in_shape(s, L, layer_norm), kReadInInitStd, s, s.steps, batch, seed,
                      fmt::format("EXP1: {}-layer read-in LSA{}", L, layer_norm ? "+LN" : ""), cfg)
        .for_each([&](const Mat<double>& w) { out.params.push_back(w); });
    return out;
  });
  Rng unused(0);  // the architecture; the trained matrices replace its weights
  training::Transformer<double> m = training::init_transformer(read_in_shape(s, L, layer_norm), unused);
  size_t i = 0;
  m.for_each([&](Mat<double>& w) { w = tm.params.at(i++); });
  return m;
}

Vec<double> read_in_predictions(const training::Transformer<double>& m, const std::vector<Task>& tasks) {
  return query_outputs(m, task_tokens(tasks)).row(0).transpose();
}

namespace {

const auto read_in_fixtures = training::per_seed_fixtures(
    "giannou2024/read-in-lsa-depths", kMaxExpSeeds,
    [](const RunConfig& cfg, long k) {
      const TrainSpec s = spec_from(cfg);
      for (int L = kMaxDepth + 1 - s.read_in_depths; L <= kMaxDepth; ++L)
        for (const bool ln : {true, false}) read_in_model(cfg, s, L, ln, int(k));
    },
    [](const RunConfig& cfg) { return long(spec_from(cfg).read_in_seeds); });  // the seeds EXP1 reads at this effort

}  // namespace

std::string read_in_fixture(int k) { return training::seed_fixture("giannou2024/read-in-lsa-depths", k); }

std::vector<ReadInResult> read_in_depths(const RunConfig& cfg, const TrainSpec& s, int k) {
  const std::vector<Task> tests = test_set(cfg.seed_for("giannou2024/EXP1", "test"), s, 1000);
  const auto error = [&](const training::Transformer<double>& m) {
    const Vec<double> y = read_in_predictions(m, tests);
    size_t i = 0;
    return relative_error(tests, [&](const Task&) { return y(Index(i++)); });
  };
  std::vector<ReadInResult> out;
  for (int L = kMaxDepth + 1 - s.read_in_depths; L <= kMaxDepth; ++L) {
    ReadInResult r{L, error(read_in_model(cfg, s, L, true, k)), error(read_in_model(cfg, s, L, false, k)), {}};
    for (int order = kFirstOrder; order <= kLastOrder; ++order)
      r.newton.push_back(relative_error(tests, [&](const Task& t) { return newton_prediction(t, order, L); }));
    out.push_back(std::move(r));
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
