// von Oswald et al. 2023: token layouts and weight constructions (spec §3). The functions return weights
// and prompts; the algorithm they are claimed to equal lives in oracles/ and is never called from here.
#pragma once

#include "constructions/guard.hpp"

#include <vector>

#include "constructions/attention.hpp"

namespace icl::vonoswald {

// K1's projection: the paper's P = (η/N) I, or the code's P = diag(0_d, (η/N) I_{d_y}).
enum class PForm { Paper, Code };

// Tokens (x | y): context e_i = (x_i, y_i), i = 1..N; queries (x_q, label_q). X is d×N, Y is d_y×N,
// Xq is d×Q, Yq is d_y×Q. Prop. 1 uses one query with label −W_0 x_test.
template <class S>
Prompt<S> regression_prompt(const Mat<S>& X, const Mat<S>& Y, const Mat<S>& Xq, const Mat<S>& Yq);
// ŷ = −(label slots of the query columns), d_y×Q.
template <class S>
Mat<S> predictions(const Prompt<S>& p, Index d);
// Label slots of the context columns, d_y×N.
template <class S>
Mat<S> context_labels(const Prompt<S>& p, Index d);

// K1 (Prop. 1): W_K = W_Q = [[I_d, 0], [0, 0]], W_V = [[0, 0], [W_0, −I]], P from `form`.
template <class S>
LsaLayer<S> gd_layer(const Mat<S>& W0, const S& eta, Index N, PForm form);
// K2: one K1 layer per step size, the same W_0 inside every W_V.
template <class S>
std::vector<LsaLayer<S>> gd_stack(const Mat<S>& W0, const std::vector<S>& etas, Index N, PForm form);
// K3 (GD++, W_0 = 0, d_y = 1): W_K = W_Q as in K1, W_V = diag(I_d, −1), P = diag(−γ I_d, η/N).
template <class S>
LsaLayer<S> gdpp_layer(Index d, const S& eta, const S& gamma, Index N);

// K4 (Prop. 3, reconstructed): interleaved tokens x_1, (0, y_1), ..., x_N, (0, y_N), x_test with one-hot
// positional codes p_t. Rows: content (x, label) then 2N+2 position rows (one spare row so the query map
// p_t → p_{t+1} of the last token has somewhere to go). The head's logit is β·1[s = t+1]; its value carries
// (label content of s, −p_{s−1}), so x-token t receives y from token t+1 and its own code is cancelled.
struct CopyLayout {
  Index d = 1, N = 1;
  Index content() const { return d + 1; }
  Index positions() const { return 2 * N + 2; }
  Index width() const { return content() + positions(); }
  Index tokens() const { return 2 * N + 1; }
  Index x_token(Index k) const { return 2 * k; }  // k = 0..N−1 context, k = N the query
};
template <class S>
Prompt<S> interleaved_prompt(const CopyLayout& layout, const Mat<S>& X, const Mat<S>& Y, const Vec<S>& x_test,
                             const S& query_label);
template <class S>
Head<S> copy_head(const CopyLayout& layout, const S& beta);

// K5 (Prop. 2): features m(x) from a (non-residual) MLP block, then K1 acts on tokens (m(x_i), y_i).
template <class S>
Prompt<S> feature_prompt(const MlpBlock<S>& m, const Mat<S>& X, const Mat<S>& Y, const Mat<S>& Xq);

}  // namespace icl::vonoswald
