// O5: derivatives by truncated power series. Directional derivatives of the logistic objective come from
// the Taylor coefficients of f(x + t u), computed by series arithmetic (exp and log of series), not from the
// analytic gradient and Hessian formulas they are compared with. Generic in the coefficient type.
#pragma once

#include <vector>

#include "core/scalar.hpp"

namespace icl::oracle {

// c_0 + c_1 t + ... + c_K t^K.
template <class S>
struct Taylor {
  std::vector<S> c;
  explicit Taylor(int order) : c(order + 1, S(0)) {}
  int order() const { return static_cast<int>(c.size()) - 1; }
  Taylor& operator+=(const Taylor& o) {
    for (size_t k = 0; k < c.size(); ++k) c[k] += o.c[k];
    return *this;
  }
  Taylor operator*(const Taylor& o) const {
    Taylor r(order());
    for (int i = 0; i <= order(); ++i)
      for (int j = 0; i + j <= order(); ++j) r.c[i + j] += c[i] * o.c[j];
    return r;
  }
  Taylor scaled(const S& s) const {
    Taylor r = *this;
    for (auto& x : r.c) x *= s;
    return r;
  }
};

// exp(s) − 1 for s with s_0 = 0:  e' = s' e, so e_k = (1/k) Σ_{j=1}^{k} j s_j e_{k−j}, e_0 = 1.
template <class S>
Taylor<S> expm1_series(const Taylor<S>& s) {
  Taylor<S> e(s.order());
  e.c[0] = S(1);
  for (int k = 1; k <= s.order(); ++k) {
    S acc(0);
    for (int j = 1; j <= k; ++j) acc += S(j) * s.c[j] * e.c[k - j];
    e.c[k] = acc / S(k);
  }
  e.c[0] = S(0);
  return e;
}

// log(1 + q) for q with q_0 = 0:  (1 + q) L' = q', so L_k = q_k − (1/k) Σ_{j=1}^{k−1} (k − j) q_j L_{k−j}.
template <class S>
Taylor<S> log1p_series(const Taylor<S>& q) {
  Taylor<S> L(q.order());
  for (int k = 1; k <= q.order(); ++k) {
    S acc(0);
    for (int j = 1; j < k; ++j) acc += S(k - j) * q.c[j] * L.c[k - j];
    L.c[k] = q.c[k] - acc / S(k);
  }
  return L;
}

// f(x + t u) − f(x) up to t³ for the logistic objective, given p_i = σ(−y_i a_i^T x) (so that
// log(1 + e^{s_i + r_i t}) − log(1 + e^{s_i}) = log(1 + p_i (e^{r_i t} − 1)), r_i = −y_i a_i^T u).
// Rows of A are a_i^T. The k-th derivative along u is k!·c_k.
template <class S>
Taylor<S> logistic_series(const Mat<S>& A, const Vec<S>& y, const Vec<S>& p, const S& mu, const Vec<S>& x,
                          const Vec<S>& u, int order = 3) {
  Taylor<S> total(order);
  for (Index i = 0; i < A.rows(); ++i) {
    Taylor<S> r(order);
    r.c[1] = -y(i) * (A.row(i) * u)(0, 0);
    total += log1p_series(expm1_series(r).scaled(p(i)));
  }
  total = total.scaled(S(1) / S(A.rows()));
  Taylor<S> ridge(order);  // (μ/2)(‖x + tu‖² − ‖x‖²)
  ridge.c[1] = mu * x.dot(u);
  if (order >= 2) ridge.c[2] = mu * u.squaredNorm() / S(2);
  total += ridge;
  return total;
}

}  // namespace icl::oracle
