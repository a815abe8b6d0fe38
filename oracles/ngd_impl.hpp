// Definitions of the NGD oracles. Include only from oracles/instantiate_*.cpp.
#pragma once

#include <cmath>

#include "oracles/ngd.hpp"

namespace icl::oracle {

namespace ngd_detail {

template <class S>
S bigger(const S& a, const S& b) {
  return a < b ? b : a;
}
template <class S>
S exact_point(const S& s) {
  return s;
}
inline Ball bigger(const Ball& a, const Ball& b) { return larger_by_midpoint(a, b); }
inline Ball exact_point(const Ball& s) { return midpoint(s); }

template <class S>
S shifted_weight(const S& x) {
  using std::exp;
  return exp(x);
}
// e^x rounds to +0 for x < −745.14 (half the least subnormal, 2^−1075); glibc reaches that answer through its
// underflow error path, which costs more than the exp itself. Margins far beyond the largest do that all the time.
inline double shifted_weight(const double& x) { return x < -746.0 ? 0.0 : std::exp(x); }

// Weights e^{x_i − shift} for logits x, with shift = max_i x_i taken as an exact value (for balls, its midpoint).
template <class S>
Vec<S> shifted_exp(const Vec<S>& x, S* shift_out) {
  S shift = x(0);
  for (Index i = 1; i < x.size(); ++i) shift = bigger(shift, x(i));
  shift = exact_point(shift);
  Vec<S> e(x.size());
  for (Index i = 0; i < x.size(); ++i) e(i) = shifted_weight(S(x(i) - shift));
  if (shift_out) *shift_out = shift;
  return e;
}

template <class S>
Vec<S> neg_margins(const Mat<S>& Z, const Vec<S>& w) {
  Vec<S> x(Z.cols());
  for (Index i = 0; i < Z.cols(); ++i) x(i) = -Z.col(i).dot(w);
  return x;
}

}  // namespace ngd_detail

template <class S>
Vec<S> ngd_direction(const Mat<S>& Z, const Vec<S>& w) {
  const Vec<S> e = ngd_detail::shifted_exp<S>(ngd_detail::neg_margins(Z, w), nullptr);
  const S total = e.sum();
  Vec<S> g = Vec<S>::Zero(Z.rows());
  for (Index i = 0; i < Z.cols(); ++i) g += (e(i) / total) * Z.col(i);
  return g;
}

template <class S>
Vec<S> ngd_step(const Mat<S>& Z, const Vec<S>& w, const S& eta) {
  return w + eta * ngd_direction(Z, w);
}

template <class S>
Vec<S> vnorm_step(const Mat<S>& Z, const Vec<S>& w, const S& eta) {
  using std::sqrt;
  const Vec<S> g = ngd_direction(Z, w);
  return w + (eta / sqrt(S(g.squaredNorm()))) * g;
}

template <class S>
Vec<S> gd_exp_step(const Mat<S>& Z, const Vec<S>& w, const S& eta) {
  using std::exp;
  S shift;
  const Vec<S> e = ngd_detail::shifted_exp<S>(ngd_detail::neg_margins(Z, w), &shift);
  Vec<S> grad_neg = Vec<S>::Zero(Z.rows());  // (1/N) Σ e^{−m_i} z_i = e^{shift} (1/N) Σ e^{−m_i − shift} z_i
  for (Index i = 0; i < Z.cols(); ++i) grad_neg += e(i) * Z.col(i);
  return w + (eta * exp(shift) / S(Z.cols())) * grad_neg;
}

template <class S>
Vec<S> gd_logloss_step(const Mat<S>& Z, const Vec<S>& w, const S& eta) {
  Vec<S> x(Z.cols() + 1);
  x.head(Z.cols()) = ngd_detail::neg_margins(Z, w);
  x(Z.cols()) = S(0);  // the 1 in log(1 + Σ e^{−m_i})
  const Vec<S> e = ngd_detail::shifted_exp<S>(x, nullptr);
  const S total = e.sum();
  Vec<S> step = Vec<S>::Zero(Z.rows());
  for (Index i = 0; i < Z.cols(); ++i) step += (e(i) / total) * Z.col(i);
  return w + eta * step;
}

template <class S>
S softmin(const Mat<S>& Z, const Vec<S>& w) {
  using std::log;
  S shift;
  const Vec<S> e = ngd_detail::shifted_exp<S>(ngd_detail::neg_margins(Z, w), &shift);
  return -(shift + log(S(e.sum())));
}

template <class S>
S exp_loss(const Mat<S>& Z, const Vec<S>& w) {
  using std::exp;
  return exp(S(-softmin(Z, w))) / S(Z.cols());
}

template <class S>
Vec<S> cone_step(const Mat<S>& Z, const Vec<S>& c, const S& eta) {
  const Vec<S> w = Z * c;
  const Vec<S> e = ngd_detail::shifted_exp<S>(ngd_detail::neg_margins(Z, w), nullptr);
  return c + (eta / S(e.sum())) * e;
}

}  // namespace icl::oracle

#define ICL_INSTANTIATE_NGD(S)                                                    \
  namespace icl::oracle {                                                       \
  template Vec<S> ngd_direction<S>(const Mat<S>&, const Vec<S>&);               \
  template Vec<S> ngd_step<S>(const Mat<S>&, const Vec<S>&, const S&);          \
  template Vec<S> vnorm_step<S>(const Mat<S>&, const Vec<S>&, const S&);        \
  template Vec<S> gd_exp_step<S>(const Mat<S>&, const Vec<S>&, const S&);       \
  template Vec<S> gd_logloss_step<S>(const Mat<S>&, const Vec<S>&, const S&);   \
  template S softmin<S>(const Mat<S>&, const Vec<S>&);                          \
  template S exp_loss<S>(const Mat<S>&, const Vec<S>&);                         \
  template Vec<S> cone_step<S>(const Mat<S>&, const Vec<S>&, const S&);         \
  }
