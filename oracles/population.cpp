#include "oracles/population.hpp"

#include <cmath>
#include <stdexcept>

#include <Eigen/LU>

#include "core/random.hpp"
#include "oracles/gd.hpp"

namespace icl::population {

InputLaw uniform_law(std::string name, const Rational& half_width) {
  return {std::move(name), Law::Uniform, half_width};
}
InputLaw gaussian_law(std::string name, const Rational& variance) { return {std::move(name), Law::Gaussian, variance}; }

namespace {

// Random task variables: context inputs x_ic (column i), query inputs x_tc, teacher w_c.
struct TaskVariables {
  Variables vars;
  Mat<Poly> X;   // d×N
  Vec<Poly> xt;  // d
  Vec<Poly> w;   // d
};

TaskVariables task_variables(Index d, Index N, const InputLaw& law) {
  TaskVariables tv;
  tv.X.resize(d, N);
  tv.xt.resize(d);
  tv.w.resize(d);
  for (Index i = 0; i < N; ++i)
    for (Index c = 0; c < d; ++c)
      tv.X(c, i) = tv.vars(tv.vars.add("x" + std::to_string(i) + "_" + std::to_string(c), law.family, law.param));
  for (Index c = 0; c < d; ++c)
    tv.xt(c) = tv.vars(tv.vars.add("xt_" + std::to_string(c), law.family, law.param));
  for (Index c = 0; c < d; ++c) tv.w(c) = tv.vars(tv.vars.add("w_" + std::to_string(c), Law::Gaussian, Rational(1)));
  return tv;
}

}  // namespace

SymbolicLoss one_step_loss(Index d, Index N, const InputLaw& law) {
  if (d < 1 || N < 1) throw std::invalid_argument("one_step_loss: d and N must be ≥ 1");
  TaskVariables tv = task_variables(d, N, law);
  SymbolicLoss out;
  out.eta = tv.vars.add("eta", Law::Symbol);
  out.ax = tv.vars.add("ax", Law::Symbol);
  out.aw = tv.vars.add("aw", Law::Symbol);
  const Poly ax = tv.vars(out.ax), aw = tv.vars(out.aw), eta = tv.vars(out.eta);

  const Mat<Poly> X = tv.X * ax;
  const Vec<Poly> xt = tv.xt * ax;
  const Mat<Poly> wT = (tv.w * aw).transpose();  // teacher as a 1×d row
  const Mat<Poly> Y = wT * X;
  const Mat<Poly> W1 = oracle::gd_step<Poly>(Mat<Poly>::Zero(1, d), X, Y, eta);
  const Poly error = (W1 * xt)(0, 0) - (wT * xt)(0, 0);
  out.loss = expect_product(error, error, tv.vars) / Poly(2);
  return out;
}

std::vector<Estimate> one_step_loss_mc(Index d, Index N, const InputLaw& law, const std::vector<LossPoint>& points,
                                       long tasks, uint64_t seed, const std::function<void(long)>& progress) {
  if (tasks < 2) throw std::invalid_argument("one_step_loss_mc: need at least 2 tasks");
  Rng rng(seed);
  const bool uniform = law.family == Law::Uniform;
  const double scale = uniform ? to_double(law.param) : std::sqrt(to_double(law.param));  // a, or √v
  auto sample = [&] { return uniform ? rng.uniform(-scale, scale) : scale * rng.normal(); };
  const size_t P = points.size();
  std::vector<double> mean(P, 0.0), m2(P, 0.0);  // Welford
  Mat<double> Xb(d, N), X(d, N), Y(1, N);
  Vec<double> xtb(d), xt(d), wb(d);
  const Mat<double> W0 = Mat<double>::Zero(1, d);
  for (long t = 1; t <= tasks; ++t) {
    for (Index i = 0; i < N; ++i)
      for (Index c = 0; c < d; ++c) Xb(c, i) = sample();
    for (Index c = 0; c < d; ++c) xtb(c) = sample();
    for (Index c = 0; c < d; ++c) wb(c) = rng.normal();
    for (size_t p = 0; p < P; ++p) {
      const auto& pt = points[p];
      X = pt.ax * Xb;
      xt = pt.ax * xtb;
      const Vec<double> w = pt.aw * wb;
      Y = w.transpose() * X;
      const Mat<double> W1 = oracle::gd_step<double>(W0, X, Y, pt.eta);
      const double err = (W1 * xt)(0, 0) - w.dot(xt);
      const double loss = 0.5 * err * err;
      const double delta = loss - mean[p];
      mean[p] += delta / static_cast<double>(t);
      m2[p] += delta * (loss - mean[p]);
    }
    if (progress && t % 100000 == 0) progress(t);
  }
  std::vector<Estimate> out(P);
  for (size_t p = 0; p < P; ++p) {
    out[p].mean = mean[p];
    out[p].se = std::sqrt(m2[p] / static_cast<double>(tasks - 1) / static_cast<double>(tasks));
  }
  return out;
}

namespace {

std::vector<Feature> one_layer_features(Index d) {
  std::vector<Feature> f;
  const Index D = d + 1;
  for (Index a = 0; a < D; ++a)
    for (Index b = a; b < D; ++b)
      for (Index c = 0; c < d; ++c) f.push_back({a, b, c});
  return f;
}

}  // namespace

OneLayerOptimum one_layer_optimum(Index d, Index N, const InputLaw& law) {
  if (d < 1 || N < 1) throw std::invalid_argument("one_layer_optimum: d and N must be ≥ 1");
  TaskVariables tv = task_variables(d, N, law);
  const Index D = d + 1;
  // Context tokens e_i = (x_i, y_i), y_i = w^T x_i; S = Σ_i e_i e_i^T.
  Mat<Poly> E(D, N);
  E.topRows(d) = tv.X;
  E.bottomRows(1) = tv.w.transpose() * tv.X;
  const Mat<Poly> S = E * E.transpose();
  const Poly yt = (tv.w.transpose() * tv.xt)(0, 0);

  OneLayerOptimum opt;
  opt.d = d;
  opt.N = N;
  opt.features = one_layer_features(d);
  const Index F = static_cast<Index>(opt.features.size());
  std::vector<Poly> phi;
  for (const auto& f : opt.features) phi.push_back(S(f.a, f.b) * tv.xt(f.c));

  Mat<Rational> G(F, F);
  Vec<Rational> r(F);
  for (Index p = 0; p < F; ++p) {
    r(p) = expect_product(phi[p], yt, tv.vars).constant();
    for (Index q = p; q < F; ++q) G(p, q) = G(q, p) = expect_product(phi[p], phi[q], tv.vars).constant();
  }
  const Eigen::FullPivLU<Mat<Rational>> lu(G);
  opt.rank = lu.rank();
  opt.T = lu.solve(r);
  opt.consistent = (G * opt.T == r);
  opt.target_energy = expect_product(yt, yt, tv.vars).constant() / 2;
  opt.loss = opt.target_energy - r.dot(opt.T) / 2;
  return opt;
}

Rational predict(const OneLayerOptimum& opt, const Mat<Rational>& X, const Mat<Rational>& y,
                 const Vec<Rational>& x_test) {
  const Index d = opt.d;
  Mat<Rational> E(d + 1, X.cols());
  E.topRows(d) = X;
  E.bottomRows(1) = y;
  const Mat<Rational> S = E * E.transpose();
  Rational yhat(0);
  for (size_t p = 0; p < opt.features.size(); ++p) {
    const auto& f = opt.features[p];
    yhat += opt.T(static_cast<Index>(p)) * S(f.a, f.b) * x_test(f.c);
  }
  return yhat;
}

}  // namespace icl::population
