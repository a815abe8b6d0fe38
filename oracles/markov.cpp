#include "oracles/markov.hpp"

#include <stdexcept>

#include "oracles/newton.hpp"

namespace icl::markov {

Index pairs(Index d) { return (d + 1) * (d + 2) / 2; }

Index rho(Index k, Index l, Index d) { return (k - 1) * (d + 1) - (k - 1) * (k - 2) / 2 + (l - k + 1); }

const char* model_name(Model m) {
  switch (m) {
    case Model::RK: return "RK";
    case Model::FK: return "FK";
    case Model::FactH: return "FACT-H";
    case Model::FactHh: return "FACT-Hh";
  }
  return "?";
}

namespace {

Poly var(uint32_t id) { return Poly::variable(id); }

// P(chain = s | K) for s ∈ {0,1}^{d+1}: P(s_1) Π_t K(s_t, s_{t+1}), K = [[1 − a, a], [b', 1 − b']].
Poly chain_probability(const std::vector<int>& s) {
  Poly q = s[0] ? var(kVarP) : Poly(1) - var(kVarP);
  for (size_t t = 0; t + 1 < s.size(); ++t) {
    const int from = s[t], to = s[t + 1];
    if (from == 0) q *= to ? var(kVarA) : Poly(1) - var(kVarA);
    else q *= to ? Poly(1) - var(kVarB) : var(kVarB);
  }
  return q;
}

std::vector<int> bits_of(unsigned long code, Index len) {
  std::vector<int> s(len);
  for (Index t = 0; t < len; ++t) s[t] = (code >> t) & 1u;
  return s;
}

// u(z) = (z_k z_l)_ρ for one chain z = s_{1..d+1}.
std::vector<int> pair_products(const std::vector<int>& z, Index d) {
  std::vector<int> u(pairs(d));
  for (Index k = 1; k <= d + 1; ++k)
    for (Index l = k; l <= d + 1; ++l) u[rho(k, l, d) - 1] = z[k - 1] * z[l - 1];
  return u;
}

// Replaces every power of a kernel variable, a^k ↦ value(a, k) (likewise b'), leaving p symbolic.
template <class Value>
Poly reduce_kernel(const Poly& q, Value value) {
  Poly r;
  for (const auto& [mono, c] : q.terms()) {
    Rational coef = c;
    Poly::Monomial kept;
    for (uint32_t e : mono) {
      const uint32_t id = Poly::var_of(e);
      if (id == kVarA || id == kVarB) coef *= value(id, Poly::exp_of(e));
      else kept.push_back(e);
    }
    r.add_term(kept, coef);
  }
  return r;
}

Poly substitute_kernel(const Poly& q, const Rational& a, const Rational& b) {
  return reduce_kernel(q, [&](uint32_t id, unsigned k) {
    Rational v(1);
    for (unsigned i = 0; i < k; ++i) v *= id == kVarA ? a : b;
    return v;
  });
}

// Kronecker product of a d×d and an m×m matrix: row (j − 1)m + ρ.
Mat<Poly> kron(const Mat<Poly>& A, const Mat<Poly>& B) {
  Mat<Poly> K(A.rows() * B.rows(), A.cols() * B.cols());
  for (Index i = 0; i < A.rows(); ++i)
    for (Index j = 0; j < A.cols(); ++j) K.block(i * B.rows(), j * B.cols(), B.rows(), B.cols()) = B * A(i, j);
  return K;
}

}  // namespace

Poly integrate_kernel(const Poly& q) {
  return reduce_kernel(q, [](uint32_t, unsigned k) { return Rational(1, static_cast<long>(k) + 1); });
}

Rational at_p(const Poly& q, const Rational& p) {
  Rational total(0);
  for (const auto& [mono, c] : q.terms()) {
    Rational t = c;
    for (uint32_t e : mono) {
      if (Poly::var_of(e) != kVarP) throw std::invalid_argument("at_p: a kernel variable remains");
      for (unsigned k = 0; k < Poly::exp_of(e); ++k) t *= p;
    }
    total += t;
  }
  return total;
}
Mat<Rational> at_p(const Mat<Poly>& M, const Rational& p) {
  Mat<Rational> R(M.rows(), M.cols());
  for (Index i = 0; i < M.size(); ++i) R(i) = at_p(M(i), p);
  return R;
}
Vec<Rational> at_p(const Vec<Poly>& v, const Rational& p) {
  Vec<Rational> r(v.size());
  for (Index i = 0; i < v.size(); ++i) r(i) = at_p(v(i), p);
  return r;
}

Moments moment_recipe(Index d, Index n, Model model, std::optional<std::pair<Rational, Rational>> kernel) {
  if (d < 1 || n < 1) throw std::invalid_argument("moment_recipe: d and n must be at least 1");
  if ((model == Model::FK) != kernel.has_value()) throw std::invalid_argument("moment_recipe: FK needs a kernel");
  const Index m = pairs(d);
  // Single-chain moments given K, as polynomials in (a, b', p).
  Vec<Poly> mu1 = Vec<Poly>::Constant(m, Poly(0)), Exy = Vec<Poly>::Constant(d, Poly(0));
  Mat<Poly> mu2 = Mat<Poly>::Constant(m, m, Poly(0)), Exx = Mat<Poly>::Constant(d, d, Poly(0));
  Poly Ey(0);
  for (unsigned long code = 0; code < (1ul << (d + 1)); ++code) {
    const auto z = bits_of(code, d + 1);
    Poly q = chain_probability(z);
    if (kernel) q = substitute_kernel(q, kernel->first, kernel->second);
    const auto u = pair_products(z, d);
    for (Index r = 0; r < m; ++r) {
      if (!u[r]) continue;
      mu1(r) += q;
      for (Index c = 0; c < m; ++c)
        if (u[c]) mu2(r, c) += q;
    }
    for (Index i = 0; i < d; ++i) {
      if (!z[i]) continue;
      if (z[d]) Exy(i) += q;
      for (Index j = 0; j < d; ++j)
        if (z[j]) Exx(i, j) += q;
    }
    if (z[d]) Ey += q;
  }
  const Poly inv_n = Poly(Rational(1, n)), rest = Poly(Rational(n - 1, n));
  const Mat<Poly> Egg = mu2 * inv_n + (mu1 * mu1.transpose()) * rest;  // E[ggᵀ | K]
  auto avg = [&](const Poly& q) { return kernel ? q : integrate_kernel(q); };
  auto avg_mat = [&](Mat<Poly> M) {
    for (Index i = 0; i < M.size(); ++i) M(i) = avg(M(i));
    return M;
  };
  auto avg_vec = [&](Vec<Poly> v) {
    for (Index i = 0; i < v.size(); ++i) v(i) = avg(v(i));
    return v;
  };
  Moments out;
  out.Ey2 = avg(Ey);  // y ∈ {0, 1}: y² = y
  const Mat<Poly> Exy_col = Exy;
  Mat<Poly> hK = kron(Exy_col, Mat<Poly>(mu1));
  if (model == Model::FactH || model == Model::FactHh)
    out.H = kron(avg_mat(Exx), avg_mat(Egg));
  else
    out.H = avg_mat(kron(Exx, Egg));
  if (model == Model::FactHh)
    out.h = kron(Mat<Poly>(avg_vec(Exy)), Mat<Poly>(avg_vec(mu1)));
  else
    out.h = avg_mat(hK);
  return out;
}

Moments brute_force(Index d, Index n, Target target) {
  const Index len = d + 1, chains = n + 1, m = pairs(d);
  if (len * chains > 20) throw std::invalid_argument("brute_force: too many configurations");
  std::vector<Poly> chain_q(1ul << len);
  std::vector<std::vector<int>> chain_z(1ul << len);
  for (unsigned long c = 0; c < chain_q.size(); ++c) {
    chain_z[c] = bits_of(c, len);
    chain_q[c] = chain_probability(chain_z[c]);
  }
  Moments out;
  out.H = Mat<Poly>::Constant(d * m, d * m, Poly(0));
  out.h = Vec<Poly>::Constant(d * m, Poly(0));
  out.Ey2 = Poly(0);
  std::vector<unsigned long> digit(chains, 0);
  const unsigned long per = 1ul << len;
  for (;;) {
    Poly q(1);
    for (Index i = 0; i < chains; ++i) q *= chain_q[digit[i]];
    // g = (1/n) Σ_{i ≤ n} u(z_i); query x = first d entries of chain n + 1, y its last.
    Vec<Rational> g = Vec<Rational>::Zero(m);
    for (Index i = 0; i < n; ++i) {
      const auto u = pair_products(chain_z[digit[i]], d);
      for (Index r = 0; r < m; ++r) g(r) += Rational(u[r]);
    }
    g /= Rational(static_cast<long>(n));
    const auto& zq = chain_z[digit[n]];
    Vec<Rational> phi(d * m);
    for (Index j = 0; j < d; ++j) phi.segment(j * m, m) = g * Rational(zq[j]);
    // The target: the realised label, or the kernel's probability of a 1 after x_d; the sum over the query's own
    // label then adds K(x_d, 0) + K(x_d, 1) = 1 times the rest, i.e. it marginalises the label out.
    const Poly y = target == Target::Label ? Poly(zq[d]) : (zq[d - 1] ? Poly(1) - var(kVarB) : var(kVarA));
    for (Index r = 0; r < d * m; ++r) {
      if (phi(r) == 0) continue;
      if (!y.is_zero()) out.h(r) += q * y * Poly(phi(r));
      for (Index c = 0; c < d * m; ++c)
        if (phi(c) != 0) out.H(r, c) += q * Poly(phi(r) * phi(c));
    }
    if (!y.is_zero()) out.Ey2 += q * y * y;
    Index i = 0;
    while (i < chains && ++digit[i] == per) digit[i++] = 0;
    if (i == chains) break;
  }
  for (Index i = 0; i < out.H.size(); ++i) out.H(i) = integrate_kernel(out.H(i));
  for (Index i = 0; i < out.h.size(); ++i) out.h(i) = integrate_kernel(out.h(i));
  out.Ey2 = integrate_kernel(out.Ey2);
  return out;
}

Moments brute_force_correlated(Index n) {
  const Index chains = n + 1;
  if (2 * chains > 20) throw std::invalid_argument("brute_force_correlated: too many configurations");
  const Poly p = var(kVarP);
  auto kernel = [&](int from, int to) {
    if (from == 0) return to ? var(kVarA) : Poly(1) - var(kVarA);
    return to ? Poly(1) - var(kVarB) : var(kVarB);
  };
  Moments out;
  out.H = Mat<Poly>::Constant(3, 3, Poly(0));
  out.h = Vec<Poly>::Constant(3, Poly(0));
  out.Ey2 = Poly(0);
  for (unsigned long code = 0; code < (1ul << (2 * chains)); ++code) {
    // chain i: (x_i, y_i) = bits 2i, 2i + 1; the query is chain n.
    const int xq = (code >> (2 * n)) & 1u, yq = (code >> (2 * n + 1)) & 1u;
    const Poly cond = xq ? (Poly(1) - p) * (Poly(1) - p) : p * p;  // P(x_i = 1 | x_{n+1}) = (x_{n+1} − p)²
    Poly q = (xq ? p : Poly(1) - p) * kernel(xq, yq);
    Vec<Rational> g = Vec<Rational>::Zero(3);
    for (Index i = 0; i < n; ++i) {
      const int x = (code >> (2 * i)) & 1u, y = (code >> (2 * i + 1)) & 1u;
      q *= (x ? cond : Poly(1) - cond) * kernel(x, y);
      g(0) += Rational(x);
      g(1) += Rational(x * y);
      g(2) += Rational(y);
    }
    if (!xq) continue;  // φ_q = x_{n+1} g vanishes
    g /= Rational(static_cast<long>(n));
    for (Index r = 0; r < 3; ++r) {
      if (yq) out.h(r) += q * Poly(g(r));
      for (Index c = 0; c < 3; ++c) out.H(r, c) += q * Poly(g(r) * g(c));
    }
  }
  for (Index i = 0; i < out.H.size(); ++i) out.H(i) = integrate_kernel(out.H(i));
  for (Index i = 0; i < out.h.size(); ++i) out.h(i) = integrate_kernel(out.h(i));
  return out;
}

Vec<Rational> minimiser(const Mat<Rational>& H, const Vec<Rational>& h) {
  return oracle::flint_solve(H, Mat<Rational>(h)).col(0);
}

Rational objective(const Mat<Rational>& H, const Vec<Rational>& h, const Rational& Ey2, const Vec<Rational>& X) {
  return Ey2 - Rational(2) * h.dot(X) + X.dot(H * X);
}

template <class S>
std::vector<Vec<S>> w_recursion(const Mat<S>& X, const Vec<S>& y, const std::vector<SubspaceWeights<S>>& layers) {
  const Index d = X.rows(), n = y.size();
  std::vector<Vec<S>> w{Vec<S>::Constant(d, S(0))};
  const S inv_n = S(1) / S(static_cast<long>(n));
  for (const auto& L : layers) {
    Mat<S> J1 = Mat<S>::Constant(d + 1, d, S(0)), J2 = Mat<S>::Constant(d + 1, d, S(0));
    for (Index j = 0; j < n; ++j) {
      const S r = y(j) - w.back().dot(X.col(j));
      Vec<S> v(d + 1);
      v << X.col(j), r;
      J1 -= (v * X.col(j).transpose()) * inv_n;
      J2.col(d - 1) -= v * (inv_n * r);
    }
    Mat<S> E = Mat<S>::Constant(d, d, S(0));
    E.row(d - 1) = L.a.transpose();
    const Vec<S> step = (L.b.transpose() * (J1 * L.Abar + J2 * E)).transpose();
    w.push_back(w.back() - step);
  }
  return w;
}

template std::vector<Vec<Rational>> w_recursion<Rational>(const Mat<Rational>&, const Vec<Rational>&,
                                                          const std::vector<SubspaceWeights<Rational>>&);
template std::vector<Vec<Degree>> w_recursion<Degree>(const Mat<Degree>&, const Vec<Degree>&,
                                                      const std::vector<SubspaceWeights<Degree>>&);

}  // namespace icl::markov

namespace icl::markov {

ExactMoments dirichlet_moments(Index d, Index n, int states, const Rational& alpha, bool wrong_normaliser) {
  if (d < 1 || n < 1 || states < 2) throw std::invalid_argument("dirichlet_moments: d, n ≥ 1 and at least 2 states");
  const Index m = pairs(d), S = states, len = d + 1;
  Index count = 1;
  for (Index t = 0; t < len; ++t) count *= S;
  // Patterns: state values, transition counts, x, y, u = (z_k z_l)_ρ.
  struct Pattern {
    std::vector<int> z, transitions;  // transitions: S×S counts, row-major
  };
  std::vector<Pattern> pats(static_cast<size_t>(count));
  for (Index code = 0; code < count; ++code) {
    Pattern& P = pats[size_t(code)];
    for (Index t = 0, c = code; t < len; ++t, c /= S) P.z.push_back(int(c % S));
    P.transitions.assign(size_t(S * S), 0);
    for (Index t = 0; t + 1 < len; ++t) ++P.transitions[size_t(P.z[t] * S + P.z[t + 1])];
  }
  // Rising factorials (x)_k for k ≤ 3d (three chains of d transitions each), x = α and Sα.
  const int kmax = int(3 * d + 2);
  auto rising = [&](const Rational& x) {
    std::vector<Rational> r{Rational(1)};
    for (int k = 1; k <= kmax; ++k) r.push_back(r.back() * (x + Rational(k - 1)));
    return r;
  };
  const auto ra = rising(alpha), rs = rising(alpha * Rational(long(S)));
  const Rational initial = Rational(1, long(S));
  auto moment = [&](std::initializer_list<const Pattern*> tuple) {
    std::vector<int> c(size_t(S * S), 0);
    Rational v(1);
    for (const Pattern* P : tuple) {
      for (size_t k = 0; k < c.size(); ++k) c[k] += P->transitions[k];
      v *= initial;
    }
    for (Index i = 0; i < S; ++i) {
      int row = 0;
      for (Index j = 0; j < S; ++j) {
        v *= ra[size_t(c[size_t(i * S + j)])];
        row += c[size_t(i * S + j)];
      }
      v /= rs[size_t(row + (wrong_normaliser && row > 0 ? 1 : 0))];
    }
    return v;
  };
  auto u_of = [&](const Pattern& P) {
    Vec<Rational> u(m);
    for (Index k = 1; k <= len; ++k)
      for (Index l = k; l <= len; ++l) u(rho(k, l, d) - 1) = Rational(long(P.z[size_t(k - 1)] * P.z[size_t(l - 1)]));
    return u;
  };
  auto x_of = [&](const Pattern& P) {
    Vec<Rational> x(d);
    for (Index i = 0; i < d; ++i) x(i) = Rational(long(P.z[size_t(i)]));
    return x;
  };
  std::vector<Vec<Rational>> us, xs;
  for (const auto& P : pats) {
    us.push_back(u_of(P));
    xs.push_back(x_of(P));
  }
  ExactMoments out;
  out.H = Mat<Rational>::Zero(d * m, d * m);
  out.h = Vec<Rational>::Zero(d * m);
  out.Ey2 = Rational(0);
  const Rational inv_n(1, long(n)), rest(long(n - 1), long(n));
  for (size_t q = 0; q < pats.size(); ++q) {
    const Rational y(long(pats[q].z[size_t(d)]));
    out.Ey2 += y * y * moment({&pats[q]});
  }
  for (size_t a = 0; a < pats.size(); ++a) {
    // Σ over the query pattern z of x xᵀ M(z, a) and x y M(z, a); then Σ over (a, b) of x xᵀ M(z, a, b).
    Mat<Rational> XX2 = Mat<Rational>::Zero(d, d);
    Vec<Rational> XY2 = Vec<Rational>::Zero(d);
    for (size_t q = 0; q < pats.size(); ++q) {
      const Rational w = moment({&pats[q], &pats[a]});
      XX2 += (xs[q] * xs[q].transpose()) * w;
      XY2 += xs[q] * (Rational(long(pats[q].z[size_t(d)])) * w);
    }
    const Mat<Rational> uu = us[a] * us[a].transpose();
    for (Index i = 0; i < d; ++i) {
      out.h.segment(i * m, m) += us[a] * XY2(i);
      for (Index j = 0; j < d; ++j) out.H.block(i * m, j * m, m, m) += uu * (XX2(i, j) * inv_n);
    }
    if (n == 1) continue;
    for (size_t b = 0; b < pats.size(); ++b) {
      Mat<Rational> XX3 = Mat<Rational>::Zero(d, d);
      for (size_t q = 0; q < pats.size(); ++q) XX3 += (xs[q] * xs[q].transpose()) * moment({&pats[q], &pats[a], &pats[b]});
      const Mat<Rational> ub = us[a] * us[b].transpose();
      for (Index i = 0; i < d; ++i)
        for (Index j = 0; j < d; ++j) out.H.block(i * m, j * m, m, m) += ub * (XX3(i, j) * rest);
    }
  }
  return out;
}

}  // namespace icl::markov
