// Definitions of the logistic Newton-step network. Include only from constructions/instantiate_*.cpp.
#pragma once

#include <cmath>
#include <stdexcept>

#include "constructions/giannou2024/newton_blocks_impl.hpp"
#include "constructions/giannou2024/logistic_network.hpp"

namespace icl::giannou {

template <class S>
MlpBuilder<S>::MlpBuilder(Index width) : width_(width), out_bias_(Vec<S>::Zero(width)) {}

template <class S>
void MlpBuilder<S>::unit(const Terms& in, const S& bias, const Terms& out) {
  in_.push_back(in);
  bias_.push_back(bias);
  out_.push_back(out);
}

template <class S>
void MlpBuilder<S>::bias(Index row, const S& c) {
  out_bias_(row) += c;
}

template <class S>
void MlpBuilder<S>::linear(Index in, Index out, const S& c) {
  unit({{in, S(1)}}, S(0), {{out, c}});
  unit({{in, S(-1)}}, S(0), {{out, S(-c)}});
}

template <class S>
MlpBlock<S> MlpBuilder<S>::build() const {
  const Index h = units();
  MlpBlock<S> m;
  m.W1 = Mat<S>::Zero(h, width_);
  m.b1 = Vec<S>::Zero(h);
  m.W2 = Mat<S>::Zero(width_, h);
  m.b2 = out_bias_;
  for (Index u = 0; u < h; ++u) {
    for (const auto& [row, w] : in_[u]) m.W1(u, row) += w;
    m.b1(u) = bias_[u];
    for (const auto& [row, w] : out_[u]) m.W2(row, u) += w;
  }
  m.residual = true;
  return m;
}

template <class S>
Staircase<S> staircase(const std::function<S(const S&)>& h, const S& lo, const S& hi, const S& eps) {
  using std::abs;
  using std::ceil;
  Staircase<S> st;
  st.start = h(lo);
  const S end = h(hi);
  const bool increasing = st.start <= end;
  // m = ⌈range/ε⌉ equal steps of height range/m ≤ ε (a range that is a multiple of ε up to rounding keeps its count).
  const long m = std::max(1L, static_cast<long>(std::ceil(to_double(S(abs(S(end - st.start)) / eps)) - 1e-9)));
  const S step = abs(S(end - st.start)) / S(m);
  st.knots.push_back(lo);
  for (long j = 1; j < m; ++j) {
    const S target = increasing ? S(st.start + S(j) * step) : S(st.start - S(j) * step);
    S a = st.knots.back(), b = hi;
    for (int it = 0; it < 200; ++it) {
      const S mid = (a + b) / S(2);
      const S hm = h(mid);
      if (abs(S(hm - target)) <= eps * S(std::ldexp(1.0, -40))) {
        a = b = mid;
        break;
      }
      ((hm < target) == increasing ? a : b) = mid;
    }
    st.knots.push_back((a + b) / S(2));
  }
  st.knots.push_back(hi);
  for (size_t j = 0; j + 1 < st.knots.size(); ++j) st.heights.push_back(h(st.knots[j + 1]) - h(st.knots[j]));
  return st;
}

template <class S>
void add_staircase(MlpBuilder<S>& mlp, const Staircase<S>& st, Index in, Index out, bool with_start) {
  for (size_t j = 0; j < st.heights.size(); ++j) {
    const S w = S(1) / (st.knots[j + 1] - st.knots[j]);
    const S b = -st.knots[j] * w;
    mlp.unit({{in, w}}, b, {{out, st.heights[j]}});
    mlp.unit({{in, w}}, S(b - S(1)), {{out, S(-st.heights[j])}});
  }
  if (with_start) mlp.bias(out, st.start);
}

template <class S>
S evaluate(const Staircase<S>& st, const S& x) {
  S v = st.start;
  for (size_t j = 0; j < st.heights.size(); ++j) {
    S r = (x - st.knots[j]) / (st.knots[j + 1] - st.knots[j]);
    if (r < S(0)) r = S(0);
    if (r > S(1)) r = S(1);
    v += st.heights[j] * r;
  }
  return v;
}

template <class S>
void add_product(MlpBuilder<S>& mlp, Index x, Index y, Index out, const S& c, const S& L, int m) {
  const S h = S(2) * L / S(m);
  S previous_slope(0);
  for (int k = 0; k < m; ++k) {
    const S s = -L + S(k) * h;
    const S slope = s + (s + h);  // secant of t² on [s, s + h]
    const S kink = (slope - previous_slope) * c / S(4);
    mlp.unit({{x, S(1)}, {y, S(1)}}, -s, {{out, kink}});
    mlp.unit({{x, S(1)}, {y, S(-1)}}, -s, {{out, S(-kink)}});
    previous_slope = slope;
  }
}

template <class S>
void add_signed_copy(MlpBuilder<S>& mlp, Index t, Index y, Index out, const S& C) {
  mlp.unit({{t, S(1)}, {y, C}}, -C, {{out, S(1)}});
  mlp.unit({{t, S(-1)}, {y, C}}, -C, {{out, S(-1)}});
  mlp.unit({{t, S(1)}, {y, S(-C)}}, -C, {{out, S(-1)}});
  mlp.unit({{t, S(-1)}, {y, S(-C)}}, -C, {{out, S(1)}});
}

template <class S>
void add_sign_product(MlpBuilder<S>& mlp, Index p, Index y, Index out, const S& c) {
  mlp.unit({{p, S(1)}, {y, S(1)}}, S(-1), {{out, c}});
  mlp.unit({{p, S(1)}, {y, S(-1)}}, S(-1), {{out, S(-c)}});
}

template <class S>
NewtonNetwork<S> newton_step_network(Index d, Index n, const NewtonNetworkSpec& spec) {
  using std::exp;
  using std::log;
  using std::sqrt;
  if (n < d) throw std::invalid_argument("newton_step_network: needs n ≥ d (matrices live in the first d columns)");
  NewtonNetwork<S> net;
  net.layout = LogisticLayout{d, n};
  const LogisticLayout& L = net.layout;
  const Index W = L.width();
  const S mu(spec.mu), eps(spec.eps), one(1), quarter = S(1) / S(4), inv_n = S(1) / S(n);
  net.R = spec.R > 0 ? S(spec.R) : S(sqrt(S(2) * log(S(2)) / mu));
  net.Z = (one + mu * net.R) * (one + mu * net.R) / mu;
  const S top = mu + quarter;  // the Hessian's spectrum lies in [μ, μ + 1/4]
  net.alpha_B = S(2) / (mu * mu + top * top);
  const double rho = to_double(S((top * top - mu * mu) / (top * top + mu * mu)));
  net.k = spec.k;
  while (net.k == 0 || std::pow(rho, std::ldexp(1.0, net.k)) > spec.eps) ++net.k;

  const auto row = [](Index r) { return Rows{r, 1}; };
  const auto M = [&](Rows to, Rows from, const S& c) { return move_rows<S>(W, to, from, c); };
  const auto add = [&](std::string name, std::vector<Head<S>> heads, const MlpBuilder<S>* mlp) {
    TransformerLayer<S> t;
    t.attention = layer<S>(std::move(heads));
    if (mlp) {
      t.mlp = mlp->build();
      net.relus += mlp->units();
    }
    t.name = std::move(name);
    net.max_heads = std::max<Index>(net.max_heads, static_cast<Index>(t.attention.heads.size()));
    net.layers.push_back(std::move(t));
  };

  // S1: c = a^T x; z = y·c exactly; d̂ = e^c/(1+e^c)² by two monotone staircases.
  {
    MlpBuilder<S> mlp(W);
    add_signed_copy<S>(mlp, L.c(), L.y(), L.z(), net.R / S(2));
    const std::function<S(const S&)> curvature = [](const S& c) {
      const S e = exp(c);
      return e / ((S(1) + e) * (S(1) + e));
    };
    add_staircase<S>(mlp, staircase<S>(curvature, -net.R, S(0), eps), L.c(), L.dh(), true);
    add_staircase<S>(mlp, staircase<S>(curvature, S(0), net.R, eps), L.c(), L.dh(), false);
    add("S1", {head<S>(M(row(L.c()), row(L.one()), inv_n), M(L.a(), L.x(), one), M(L.a(), L.a(), one))}, &mlp);
  }
  // S2: u_k = d̂·a_k/n by ReLU products (|d̂ ± a_k| ≤ 1.5).
  {
    MlpBuilder<S> mlp(W);
    const S span(1.5);
    const int pieces = static_cast<int>(std::ceil(1.5 / std::sqrt(2 * spec.eps)));
    for (Index k = 0; k < d; ++k) add_product<S>(mlp, L.dh(), L.a().begin + k, L.u().begin + k, inv_n, span, pieces);
    add("S2", {}, &mlp);
  }
  // S3: B e_i = Σ_j u_j a_j^T e_i + μ e_i on the matrix columns, then X_0 = α_B B^T.
  add("S3", {head<S>(M(L.B(), L.u(), one), M(L.a(), L.a(), one), M(L.a(), L.I(), one)),
             head<S>(M(L.B(), L.I(), mu), M(L.I(), L.I(), one), M(L.I(), L.I(), one))},
      nullptr);
  add("S3", {head<S>(M(L.X(), L.I(), net.alpha_B), M(L.I(), L.B(), one), M(L.I(), L.I(), one))}, nullptr);
  // S4: k Newton–Schulz steps X ← X(2I − BX) (B need not be symmetric: Lemma 4.1 blocks).
  for (int s = 0; s < net.k; ++s)
    for (auto& l : newton_block<S>(NewtonSlots{W, L.X(), L.B(), L.I(), L.T()})) {
      TransformerLayer<S> t;
      t.attention = std::move(l);
      t.name = "S4";
      net.max_heads = std::max<Index>(net.max_heads, static_cast<Index>(t.attention.heads.size()));
      net.layers.push_back(std::move(t));
    }
  // S5: p̂ = σ(−z) by a staircase.
  {
    MlpBuilder<S> mlp(W);
    const std::function<S(const S&)> sigma_minus = [](const S& z) { return S(1) / (S(1) + exp(z)); };
    add_staircase<S>(mlp, staircase<S>(sigma_minus, -net.R, net.R, eps), L.z(), L.p(), true);
    add("S5", {}, &mlp);
  }
  // S6: w = y p̂/n exactly (K7).
  {
    MlpBuilder<S> mlp(W);
    add_sign_product<S>(mlp, L.p(), L.y(), L.w(), inv_n);
    add("S6", {}, &mlp);
  }
  // S7: b = −Σ_j w_j a_j + μx (every column).
  add("S7", {head<S>(M(L.b(), L.a(), S(-1)), M(row(L.one()), row(L.w()), one), M(row(L.one()), row(L.one()), one)),
             head<S>(M(L.b(), L.x(), S(mu * inv_n)), M(row(L.one()), row(L.one()), one),
                     M(row(L.one()), row(L.one()), one))},
      nullptr);
  // S8: v = X b; then λ̂² = b^T v and η̂ = 2√μ/(2√μ + √λ̂²) by a staircase.
  add("S8", {head<S>(M(L.v(), L.X(), one), M(L.I(), L.I(), one), M(L.I(), L.b(), one))}, nullptr);
  {
    MlpBuilder<S> mlp(W);
    const S two_root_mu = S(2) * sqrt(mu);
    const std::function<S(const S&)> step = [two_root_mu](const S& z) { return two_root_mu / (two_root_mu + sqrt(z)); };
    add_staircase<S>(mlp, staircase<S>(step, S(0), net.Z, eps), L.lam(), L.eta(), true);
    add("S8", {head<S>(M(row(L.lam()), row(L.one()), inv_n), M(L.b(), L.b(), one), M(L.b(), L.v(), one))}, &mlp);
  }
  // S9: x ← x − η̂ v; every scratch row cleared exactly.
  {
    MlpBuilder<S> mlp(W);
    for (Index r : {L.c(), L.z(), L.dh(), L.p(), L.w(), L.lam(), L.eta()}) mlp.linear(r, r, S(-1));
    for (Rows rs : {L.u(), L.B(), L.X(), L.T(), L.b(), L.v()})
      for (Index r = rs.begin; r < rs.begin + rs.size; ++r) mlp.linear(r, r, S(-1));
    add("S9", {head<S>(M(L.x(), L.v(), S(-inv_n)), M(row(L.one()), row(L.eta()), one),
                       M(row(L.one()), row(L.one()), one))},
        &mlp);
  }
  for (const auto& l : net.layers) {
    if (net.stage_layers.empty() || net.stage_layers.back().first != l.name)
      net.stage_layers.emplace_back(l.name, 0);
    ++net.stage_layers.back().second;
  }
  return net;
}

template <class S>
Prompt<S> logistic_prompt(const LogisticLayout& L, const Mat<S>& A, const Vec<S>& y, const Vec<S>& x) {
  Prompt<S> p;
  p.Z = Mat<S>::Zero(L.width(), L.n);
  p.Z.middleRows(L.a().begin, L.d) = A.transpose();
  p.Z.row(L.y()) = y.transpose();
  for (Index j = 0; j < L.n; ++j) p.Z.block(L.x().begin, j, L.d, 1) = x;
  for (Index i = 0; i < L.d; ++i) p.Z(L.I().begin + i, i) = S(1);
  p.Z.row(L.one()).setConstant(S(1));
  p.n_context = L.n;
  return p;
}

template <class S>
Vec<S> read_iterate(const Prompt<S>& p, const LogisticLayout& L) {
  return p.Z.block(L.x().begin, 0, L.d, 1);
}

}  // namespace icl::giannou

#define ICL_INSTANTIATE_GIANNOU_LOGISTIC(S)                                                                    \
  namespace icl::giannou {                                                                                   \
  template class MlpBuilder<S>;                                                                              \
  template Staircase<S> staircase<S>(const std::function<S(const S&)>&, const S&, const S&, const S&);       \
  template void add_staircase<S>(MlpBuilder<S>&, const Staircase<S>&, Index, Index, bool);                   \
  template S evaluate<S>(const Staircase<S>&, const S&);                                                     \
  template void add_product<S>(MlpBuilder<S>&, Index, Index, Index, const S&, const S&, int);                \
  template void add_signed_copy<S>(MlpBuilder<S>&, Index, Index, Index, const S&);                           \
  template void add_sign_product<S>(MlpBuilder<S>&, Index, Index, Index, const S&);                          \
  template NewtonNetwork<S> newton_step_network<S>(Index, Index, const NewtonNetworkSpec&);                  \
  template Prompt<S> logistic_prompt<S>(const LogisticLayout&, const Mat<S>&, const Vec<S>&, const Vec<S>&); \
  template Vec<S> read_iterate<S>(const Prompt<S>&, const LogisticLayout&);                                  \
  }
