// Definitions of the Giannou constructions. Include only from constructions/instantiate_*.cpp.
#pragma once

#include "constructions/giannou2024/newton_blocks.hpp"

namespace icl::giannou {

template <class S>
Mat<S> move_rows(Index width, Rows to, Rows from, const S& c) {
  Mat<S> m = Mat<S>::Zero(width, width);
  for (Index r = 0; r < to.size; ++r) m(to.begin + r, from.begin + r) = c;
  return m;
}

template <class S>
Head<S> head(const Mat<S>& V, const Mat<S>& K, const Mat<S>& Q) {
  return Head<S>{K, Q, V, Mat<S>::Identity(V.rows(), V.rows())};
}

template <class S>
LsaLayer<S> layer(std::vector<Head<S>> heads) {
  LsaLayer<S> l;
  l.heads = std::move(heads);
  l.keys = KeySet::All;
  return l;
}

namespace detail {
// P_{i←j} within a prompt of `width` rows whose first 4d rows are the four slots.
template <class S>
Mat<S> P(Index d, Index width, int i, int j) {
  return move_rows<S>(width, Rows{(i - 1) * d, d}, Rows{(j - 1) * d, d}, S(1));
}
template <class S>
LsaLayer<S> symmetric_newton_layer(Index d, Index width) {
  return layer<S>({head<S>(-P<S>(d, width, 1, 1), P<S>(d, width, 1, 2), P<S>(d, width, 1, 1)),
                   head<S>(P<S>(d, width, 1, 1), P<S>(d, width, 1, 3), P<S>(d, width, 1, 3))});
}
}  // namespace detail

template <class S>
Prompt<S> newton_prompt(const Mat<S>& X, const Mat<S>& A) {
  const Index d = X.rows();
  Prompt<S> p;
  p.Z = Mat<S>::Zero(4 * d, d);
  p.Z.middleRows(0, d) = X;
  p.Z.middleRows(d, d) = A;
  p.Z.middleRows(2 * d, d).setIdentity();
  p.n_context = d;
  return p;
}

template <class S>
Mat<S> slot(const Prompt<S>& p, Index d, int k) {
  return p.Z.middleRows((k - 1) * d, d);
}

template <class S>
std::vector<LsaLayer<S>> newton_block(const NewtonSlots& s) {
  const auto P = [&](Rows to, Rows from) { return move_rows<S>(s.width, to, from, S(1)); };
  // Layer 1 writes XA into the scratch slot; layer 2 forms X − XAX + X in the X slot and clears the scratch.
  return {layer<S>({head<S>(P(s.T, s.X), P(s.X, s.I), P(s.X, s.A))}),
          layer<S>({head<S>(-P(s.X, s.T), P(s.X, s.I), P(s.X, s.X)),
                    head<S>(Mat<S>(P(s.X, s.X) - P(s.T, s.T)), P(s.X, s.I), P(s.X, s.I))})};
}

template <class S>
std::vector<LsaLayer<S>> newton_block(Index d) {
  return newton_block<S>(NewtonSlots{4 * d, Rows{0, d}, Rows{d, d}, Rows{2 * d, d}, Rows{3 * d, d}});
}

template <class S>
LsaLayer<S> symmetric_newton_layer(Index d) {
  return detail::symmetric_newton_layer<S>(d, 4 * d);
}

template <class S>
std::vector<LsaLayer<S>> newton_stack(Index d, int T, bool symmetric) {
  std::vector<LsaLayer<S>> stack;
  for (int t = 0; t < T; ++t) {
    if (symmetric) {
      stack.push_back(symmetric_newton_layer<S>(d));
    } else {
      for (auto& l : newton_block<S>(d)) stack.push_back(std::move(l));
    }
  }
  return stack;
}

template <class S>
Prompt<S> regression_prompt(const RegressionLayout& L, const Mat<S>& A, const Vec<S>& y, const Vec<S>& a_test,
                            bool query_in_data_rows) {
  Prompt<S> p;
  p.Z = Mat<S>::Zero(L.width(), L.columns());
  for (Index i = 0; i < L.d; ++i) p.Z(L.slot(3).begin + i, i) = S(1);
  for (Index j = 0; j < L.n; ++j) {
    p.Z.block(L.slot(2).begin, L.d + j, L.d, 1) = A.row(j).transpose();
    p.Z(L.label(), L.d + j) = y(j);
  }
  p.Z.block(L.slot(4).begin, L.query(), L.d, 1) = a_test;
  if (query_in_data_rows) p.Z.block(L.slot(2).begin, L.query(), L.d, 1) = a_test;
  p.n_context = L.columns();
  return p;
}

template <class S>
std::vector<LsaLayer<S>> regression_network(const RegressionLayout& L, const S& alpha_R, int T) {
  using detail::P;
  const Index d = L.d, W = L.width();
  const Rows label{L.label(), 1}, scratch{L.scratch(), 1}, output{L.output(), 1};
  std::vector<LsaLayer<S>> net;
  // Layer 1: matrix column i gets slot 2 += R e_i and slot 1 += α_R R e_i (R = A^T A).
  net.push_back(layer<S>({head<S>(P<S>(d, W, 2, 2), P<S>(d, W, 1, 2), P<S>(d, W, 1, 3)),
                          head<S>(Mat<S>(alpha_R * P<S>(d, W, 1, 2)), P<S>(d, W, 1, 2), P<S>(d, W, 1, 3))}));
  // T Newton steps on the matrix columns; data and query columns have zero slots 1 and 3.
  for (int t = 0; t < T; ++t) net.push_back(detail::symmetric_newton_layer<S>(d, W));
  // Readout 1: scratch of matrix column i = Σ_j y_j a_j^T X_T e_i.
  net.push_back(layer<S>({head<S>(move_rows<S>(W, scratch, label, S(1)), P<S>(d, W, 1, 2), P<S>(d, W, 1, 1))}));
  // Readout 2: output of the query column = Σ_i scratch_i e_i^T a_test.
  net.push_back(layer<S>({head<S>(move_rows<S>(W, output, scratch, S(1)), P<S>(d, W, 1, 3), P<S>(d, W, 1, 4))}));
  return net;
}

template <class S>
S regression_output(const Prompt<S>& p, const RegressionLayout& L) {
  return p.Z(L.output(), L.query());
}

template <class S>
MlpBlock<S> sign_product_mlp() {
  MlpBlock<S> m;
  m.W1 = Mat<S>::Zero(2, 3);
  m.W1 << S(1), S(1), S(0), S(1), S(-1), S(0);
  m.b1 = Vec<S>::Constant(2, S(-1));
  m.W2 = Mat<S>::Zero(3, 2);
  m.W2(2, 0) = S(1);
  m.W2(2, 1) = S(-1);
  m.b2 = Vec<S>::Zero(3);
  m.residual = true;
  return m;
}

}  // namespace icl::giannou

#define ICL_INSTANTIATE_GIANNOU_POLY(S)                                                                       \
  namespace icl::giannou {                                                                                  \
  template Mat<S> move_rows<S>(Index, Rows, Rows, const S&);                                                \
  template Head<S> head<S>(const Mat<S>&, const Mat<S>&, const Mat<S>&);                                    \
  template LsaLayer<S> layer<S>(std::vector<Head<S>>);                                                      \
  template Prompt<S> newton_prompt<S>(const Mat<S>&, const Mat<S>&);                                        \
  template Mat<S> slot<S>(const Prompt<S>&, Index, int);                                                    \
  template std::vector<LsaLayer<S>> newton_block<S>(Index);                                                 \
  template std::vector<LsaLayer<S>> newton_block<S>(const NewtonSlots&);                                    \
  template LsaLayer<S> symmetric_newton_layer<S>(Index);                                                    \
  template std::vector<LsaLayer<S>> newton_stack<S>(Index, int, bool);                                      \
  template Prompt<S> regression_prompt<S>(const RegressionLayout&, const Mat<S>&, const Vec<S>&,            \
                                          const Vec<S>&, bool);                                             \
  template std::vector<LsaLayer<S>> regression_network<S>(const RegressionLayout&, const S&, int);          \
  template S regression_output<S>(const Prompt<S>&, const RegressionLayout&);                               \
  }

#define ICL_INSTANTIATE_GIANNOU_RELU(S) \
  namespace icl::giannou {              \
  template MlpBlock<S> sign_product_mlp<S>(); \
  }
