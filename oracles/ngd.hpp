// Zhang & Cao oracles O1, O2, O4 (spec §5), from their definitions on the vectors z_i = y_i x_i (the columns
// of Z), with their own max-shifted log-sum-exp: no matrices of tokens, no attention code, no shared softmax.
//   margins m_i(w) = ⟨w, z_i⟩;  p(w) = softmax(−m(w));  g(w) = Σ_i p_i z_i
//   NGD:     w ← w + η g(w)                       (= w − η ∇L/L for L(w) = (1/N) Σ e^{−m_i})
//   V-norm:  w ← w + η g(w)/‖g(w)‖
//   GD on L: w ← w + η (1/N) Σ_i e^{−m_i} z_i
//   GD on ℓ(w) = log(1 + Σ_i e^{−m_i}):  w ← w + η Σ_i e^{−m_i} z_i / (1 + Σ_j e^{−m_j})
#pragma once

#include "core/ball.hpp"
#include "core/scalar.hpp"

namespace icl::oracle {

template <class S>
Vec<S> ngd_direction(const Mat<S>& Z, const Vec<S>& w);  // g(w)
template <class S>
Vec<S> ngd_step(const Mat<S>& Z, const Vec<S>& w, const S& eta);
template <class S>
Vec<S> vnorm_step(const Mat<S>& Z, const Vec<S>& w, const S& eta);
template <class S>
Vec<S> gd_exp_step(const Mat<S>& Z, const Vec<S>& w, const S& eta);
template <class S>
Vec<S> gd_logloss_step(const Mat<S>& Z, const Vec<S>& w, const S& eta);
// ψ(w) = −log Σ_i e^{−m_i(w)} (the soft-min) and L(w) = e^{−ψ(w)}/N, both stable.
template <class S>
S softmin(const Mat<S>& Z, const Vec<S>& w);
template <class S>
S exp_loss(const Mat<S>& Z, const Vec<S>& w);
// O4: NGD from w_0 = 0 tracking the coefficients c with w_t = Σ_i c_i z_i (c ← c + η p(w)).
template <class S>
Vec<S> cone_step(const Mat<S>& Z, const Vec<S>& c, const S& eta);

}  // namespace icl::oracle
