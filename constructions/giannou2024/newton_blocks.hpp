// Giannou et al. 2024: linear-attention constructions for Newton's method (spec §3), reconstructed.
// Layer (spec §2.1): A(H) = H + Σ_i W_V^(i) H (W_K^(i) H)^T (W_Q^(i) H) — every column is a key (KeySet::All),
// no 1/N; an LsaLayer with P = I. Functions here return weights and prompts; the algorithms they are
// claimed to equal live in oracles/newton.hpp.
#pragma once

#include "constructions/guard.hpp"

#include <string>
#include <vector>

#include "constructions/attention.hpp"

namespace icl::giannou {

// A block of rows [begin, begin + size).
struct Rows {
  Index begin = 0, size = 0;
};

// Width×width matrix adding c·(rows `from`) into rows `to` (blocks of equal size).
template <class S>
Mat<S> move_rows(Index width, Rows to, Rows from, const S& c);
// A head of the paper's form: W_V, W_K, W_Q square, projection I.
template <class S>
Head<S> head(const Mat<S>& V, const Mat<S>& K, const Mat<S>& Q);
template <class S>
LsaLayer<S> layer(std::vector<Head<S>> heads);

// Lemma 4.1 layout H = [X; A; I; 0]: four d-row slots (1-based as in the spec), tokens = the d columns.
template <class S>
Prompt<S> newton_prompt(const Mat<S>& X, const Mat<S>& A);
template <class S>
Mat<S> slot(const Prompt<S>& p, Index d, int k);  // slot k (1..4), d×(columns)

// K1 (Lemma 4.1, reconstructed): two layers, ≤ 2 heads, width 4d: [X; A; I; 0] → [X(2I − AX); A; I; 0].
template <class S>
std::vector<LsaLayer<S>> newton_block(Index d);
// The same block on slots placed anywhere in a wider prompt (K5 runs it on its Hessian rows).
struct NewtonSlots {
  Index width = 0;
  Rows X, A, I, T;  // iterate, matrix, identity, scratch
};
template <class S>
std::vector<LsaLayer<S>> newton_block(const NewtonSlots& slots);
// K2: one layer, two heads: X → 2X − X A^T X, which is X(2I − AX) for symmetric A.
template <class S>
LsaLayer<S> symmetric_newton_layer(Index d);
// K3: T copies of K1 (2T layers) or of K2 (T layers).
template <class S>
std::vector<LsaLayer<S>> newton_stack(Index d, int T, bool symmetric);

// K4 (Theorem 4.2, reconstructed): 3 + T layers, 2 heads, width 4d + 3.
// Rows: slots 1–4 (d each), label row 4d, scratch row 4d+1, output row 4d+2.
// Columns: d matrix columns (slot 3 = e_i), n data columns (slot 2 = a_j, label = y_j), one query column
// (slot 4 = a_test). The query is kept out of the Gram matrix by storing a_test in slot 4.
struct RegressionLayout {
  Index d = 1, n = 1;
  Index width() const { return 4 * d + 3; }
  Index columns() const { return d + n + 1; }
  Rows slot(int k) const { return {(k - 1) * d, d}; }
  Index label() const { return 4 * d; }
  Index scratch() const { return 4 * d + 1; }
  Index output() const { return 4 * d + 2; }
  Index query() const { return d + n; }
};
// A is n×d (rows a_j^T), y has n entries, a_test has d. With `query_in_data_rows` the query column also carries
// a_test in slot 2 (the broken layout of spec §2.3: the Gram matrix becomes A^TA + a_test a_test^T).
template <class S>
Prompt<S> regression_prompt(const RegressionLayout& L, const Mat<S>& A, const Vec<S>& y, const Vec<S>& a_test,
                            bool query_in_data_rows = false);
template <class S>
std::vector<LsaLayer<S>> regression_network(const RegressionLayout& L, const S& alpha_R, int T);
template <class S>
S regression_output(const Prompt<S>& p, const RegressionLayout& L);

// K7: x·y = relu(x + y − 1) − relu(x − y − 1) for x ∈ [0, 1], y ∈ {−1, 1}, as a one-hidden-layer MLP on a
// column (x, y) writing into a third row.
template <class S>
MlpBlock<S> sign_product_mlp();

}  // namespace icl::giannou
