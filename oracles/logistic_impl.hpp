// Definitions of the logistic-regression oracle. Include only from oracles/instantiate_*.cpp.
#pragma once

#include <cmath>
#include <stdexcept>

#include <Eigen/LU>

#include "oracles/logistic.hpp"

namespace icl::oracle {

template <class S>
Vec<S> gradient_from_p(const Logistic<S>& L, const Vec<S>& p, const Vec<S>& x) {
  Vec<S> g = L.mu * x;
  const S inv_n = S(1) / S(L.n());
  for (Index i = 0; i < L.n(); ++i) g -= (inv_n * L.y(i) * p(i)) * L.A.row(i).transpose();
  return g;
}

template <class S>
Mat<S> hessian_from_p(const Logistic<S>& L, const Vec<S>& p) {
  Mat<S> H = Mat<S>::Identity(L.d(), L.d()) * L.mu;
  const S inv_n = S(1) / S(L.n());
  for (Index i = 0; i < L.n(); ++i)
    H += (inv_n * p(i) * (S(1) - p(i))) * (L.A.row(i).transpose() * L.A.row(i));
  return H;
}

template <class S>
S third_from_p(const Logistic<S>& L, const Vec<S>& p, const Vec<S>& u) {
  S total(0);
  for (Index i = 0; i < L.n(); ++i) {
    const S r = -L.y(i) * (L.A.row(i) * u)(0, 0);
    total += p(i) * (S(1) - p(i)) * (S(1) - S(2) * p(i)) * r * r * r;
  }
  return total / S(L.n());
}

template <class S>
Vec<S> probabilities(const Logistic<S>& L, const Vec<S>& x) {
  using std::exp;
  Vec<S> p(L.n());
  for (Index i = 0; i < L.n(); ++i) p(i) = S(1) / (S(1) + exp(S(L.y(i) * (L.A.row(i) * x)(0, 0))));
  return p;
}

template <class S>
S objective(const Logistic<S>& L, const Vec<S>& x) {
  using std::exp;
  using std::log;
  S total(0);
  for (Index i = 0; i < L.n(); ++i) total += log(S(1) + exp(S(-L.y(i) * (L.A.row(i) * x)(0, 0))));
  return total / S(L.n()) + L.mu * x.squaredNorm() / S(2);
}

template <class S>
Vec<S> gradient(const Logistic<S>& L, const Vec<S>& x) {
  return gradient_from_p(L, probabilities(L, x), x);
}

template <class S>
Mat<S> hessian(const Logistic<S>& L, const Vec<S>& x) {
  return hessian_from_p(L, probabilities(L, x));
}

template <class S>
Vec<S> solve(const Mat<S>& H, const Vec<S>& b) {
  return Eigen::PartialPivLU<Mat<S>>(H).solve(b);
}

namespace logistic_detail {

// The damped Newton step at x from the gradient g and Hessian H there.
template <class S>
NewtonStep<S> damped_step(const Logistic<S>& L, const Vec<S>& x, const Vec<S>& g, const Mat<S>& H) {
  using std::sqrt;
  NewtonStep<S> s;
  s.direction = solve(H, g);
  s.lambda_f = sqrt(S(g.dot(s.direction)));
  const S two_root_mu = S(2) * sqrt(L.mu);
  s.lambda_g = s.lambda_f / two_root_mu;
  s.eta = two_root_mu / (two_root_mu + s.lambda_f);
  s.next = x - s.eta * s.direction;
  return s;
}

}  // namespace logistic_detail

template <class S>
NewtonStep<S> damped_newton_step(const Logistic<S>& L, const Vec<S>& x) {
  return logistic_detail::damped_step(L, x, gradient(L, x), hessian(L, x));
}

template <class S>
S omega(const S& t) {
  using std::log;
  return t - log(S(1) + t);
}

template <class S>
Vec<S> minimize(const Logistic<S>& L, Vec<S> x, const S& tol, int max_steps) {
  for (int k = 0; k < max_steps; ++k) {
    const Vec<S> p = probabilities(L, x);  // once per iteration: the stopping test, the gradient and the Hessian
    const Vec<S> g = gradient_from_p(L, p, x);
    if (g.cwiseAbs().maxCoeff() <= tol) return x;
    const NewtonStep<S> s = logistic_detail::damped_step(L, x, g, hessian_from_p(L, p));
    x = s.lambda_g < S(1) / S(4) ? Vec<S>(x - s.direction) : s.next;
  }
  throw std::runtime_error("logistic minimize: no convergence");
}

}  // namespace icl::oracle

#define ICL_INSTANTIATE_LOGISTIC_POLY(S)                                                   \
  namespace icl::oracle {                                                                \
  template Vec<S> gradient_from_p<S>(const Logistic<S>&, const Vec<S>&, const Vec<S>&);   \
  template Mat<S> hessian_from_p<S>(const Logistic<S>&, const Vec<S>&);                   \
  template S third_from_p<S>(const Logistic<S>&, const Vec<S>&, const Vec<S>&);           \
  }

#define ICL_INSTANTIATE_LOGISTIC_REAL(S)                                                   \
  ICL_INSTANTIATE_LOGISTIC_POLY(S)                                                         \
  namespace icl::oracle {                                                                \
  template Vec<S> probabilities<S>(const Logistic<S>&, const Vec<S>&);                    \
  template S objective<S>(const Logistic<S>&, const Vec<S>&);                             \
  template Vec<S> gradient<S>(const Logistic<S>&, const Vec<S>&);                         \
  template Mat<S> hessian<S>(const Logistic<S>&, const Vec<S>&);                          \
  template NewtonStep<S> damped_newton_step<S>(const Logistic<S>&, const Vec<S>&);        \
  template S omega<S>(const S&);                                                          \
  }

#define ICL_INSTANTIATE_LOGISTIC_ORDERED(S)                                                \
  namespace icl::oracle {                                                                \
  template Vec<S> solve<S>(const Mat<S>&, const Vec<S>&);                                 \
  template Vec<S> minimize<S>(const Logistic<S>&, Vec<S>, const S&, int);                 \
  }
