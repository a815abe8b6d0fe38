// Zhang & Cao 2026: softmax-attention constructions for normalized gradient descent (spec §4, reconstructed).
// Tokens have width D = 3d + 1 and slots F (z_i = y_i x_i) | S (state) | Q (query x_q) | f (flag 1).
// Context token h_i = [z_i; 0; 0; 0]; state/query token h_q = [0; w_0; x_q; 1] (the last column).
#pragma once

#include "constructions/guard.hpp"

#include "constructions/attention.hpp"

namespace icl::zhangcao {

struct Layout {
  Index d = 1;
  Index width() const { return 3 * d + 1; }
  Index F() const { return 0; }
  Index S() const { return d; }
  Index Q() const { return 2 * d; }
  Index flag() const { return 3 * d; }
};

// Z has the z_i as columns (d×N).
template <class S>
Prompt<S> ngd_prompt(const Mat<S>& Z, const Vec<S>& w0, const Vec<S>& xq);
template <class S>
Vec<S> state(const Prompt<S>& p);  // the S slot of the state column

// K1 (Theorem 1 form): W_K = E_F, W_Q = −E_S, W_V = η·(S ← F); softmax over the N context columns.
// `keys = KeySet::All` is K4 (the state token among the keys: key 0, value 0).
template <class S>
SoftmaxLayer<S> ngd_layer(Index d, const S& eta, KeySet keys = KeySet::Context);
// K3: score block −a·I, value block b·I.
template <class S>
SoftmaxLayer<S> scaled_layer(Index d, const S& a, const S& b);
// K6: a trainable layer with full D×D matrices, score h_i^T W_KQ h_j and value W_V h_i.
template <class S>
SoftmaxLayer<S> trainable_layer(const Mat<S>& WKQ, const Mat<S>& WV);

// K5: raw tokens [x_i; y_i] → z_i = y_i x_i coordinate-wise by
// y·x = ρ(x − C(1−y)) − ρ(−x − C(1−y)) − ρ(x − C(1+y)) + ρ(−x − C(1+y)), valid for |x| ≤ 2C.
// The block acts on columns (x ∈ R^d, y, z ∈ R^d) and writes y·x into the z rows.
template <class S>
MlpBlock<S> label_gadget(Index d, const S& C);

}  // namespace icl::zhangcao
