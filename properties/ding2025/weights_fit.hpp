// min over weights of f(b, A) = f̃(φ(b, A)) (Ding MK08, MK12): K2 as the feature map O4 minimises over, and the exact
// value of f − f̃* at the point O4 returns (rounded to rationals), which is a rigorous upper bound on min f − f̃*.
#pragma once

#include "constructions/ding2025/markov_lsa.hpp"
#include "oracles/markov.hpp"
#include "oracles/markov_fit.hpp"

namespace icl::ding2025 {

// θ = (b, vec A): b ∈ R^{d+1}, A ∈ R^{(d+1)×d} column-major. φ is bilinear, so its Jacobian's columns are φ(e_k, A)
// and φ(b, E_lj).
template <class S>
std::pair<Vec<S>, Mat<S>> unpack_weights(const Vec<S>& theta, Index d) {
  Vec<S> b = theta.head(d + 1);
  Mat<S> A(d + 1, d);
  for (Index j = 0; j < d; ++j)
    for (Index l = 0; l <= d; ++l) A(l, j) = theta(d + 1 + j * (d + 1) + l);
  return {b, A};
}

inline markov::FeatureMap k2_feature_map(Index d) {
  return [d](const Vec<double>& theta, Mat<double>* J) {
    const auto [b, A] = unpack_weights(theta, d);
    const Vec<double> X = ding::phi<double>(b, A);
    if (J) {
      J->resize(X.size(), theta.size());
      for (Index k = 0; k <= d; ++k) J->col(k) = ding::phi<double>(Vec<double>::Unit(d + 1, k), A);
      for (Index j = 0; j < d; ++j)
        for (Index l = 0; l <= d; ++l) {
          Mat<double> E = Mat<double>::Zero(d + 1, d);
          E(l, j) = 1;
          J->col(d + 1 + j * (d + 1) + l) = ding::phi<double>(b, E);
        }
    }
    return X;
  };
}

struct WeightsFit {
  Vec<double> theta;
  Rational excess;  // f(b, A) − f̃* at θ rounded to rationals, exactly: ≥ min f − f̃*
};

inline WeightsFit fit_weights(const Mat<Rational>& H, const Vec<Rational>& h, const Rational& Ey2, const Rational& f_star,
                              const Vec<Rational>& X_star, Index d, int starts, uint64_t seed) {
  const auto fit = markov::multistart_least_squares(cast_matrix<double>(H), cast_matrix<double>(X_star),
                                                    k2_feature_map(d), (d + 1) * (d + 1), starts, seed);
  Vec<Rational> theta(fit.theta.size());
  for (Index i = 0; i < theta.size(); ++i) theta(i) = exact_rational(fit.theta(i));
  const auto [b, A] = unpack_weights(theta, d);
  return {fit.theta, markov::objective(H, h, Ey2, ding::phi<Rational>(b, A)) - f_star};
}

}  // namespace icl::ding2025
