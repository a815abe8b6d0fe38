// Zhang & Cao family: the identities' shared pieces — K1 with its broken variants, RapidCheck-drawn instances (any
// data: the identities need no separability), and the discrepancies the precision ladders measure.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "constructions/zhangcao2026/ngd_layers.hpp"
#include "core/ball.hpp"
#include "core/context.hpp"
#include "methods/identity.hpp"
#include "methods/ladder.hpp"
#include "oracles/ngd.hpp"
#include "properties/zhangcao2026/family.hpp"

namespace icl::zhangcao2026 {

namespace zc = icl::zhangcao;

// K1 and its broken variants.
template <class S>
SoftmaxLayer<S> k1(Index d, const S& eta, Defect defect) {
  SoftmaxLayer<S> layer = zc::ngd_layer<S>(d, eta, defect == defects::QueryAmongKeys ? KeySet::All : KeySet::Context);
  Head<S>& h = layer.heads[0];
  if (defect == defects::FlipScoreSign) h.WQ = -h.WQ;
  if (defect == defects::DropEta) h.P /= eta;
  if (defect == defects::ValueReadsState) {  // value z_i + S_i: the correct value plus the key's state slot
    const zc::Layout L{d};
    for (Index k = 0; k < d; ++k) h.WV(k, L.S() + k) = S(1);
  }
  if (defect == defects::TransposeBlock) {  // score −⟨S_i, F_j⟩: keys read the S slot, queries the F slot
    const zc::Layout L{d};
    Mat<S> K = Mat<S>::Zero(d, L.width()), Q = Mat<S>::Zero(d, L.width());
    for (Index k = 0; k < d; ++k) {
      K(k, L.S() + k) = S(1);
      Q(k, L.F() + k) = S(-1);
    }
    h.WK = K;
    h.WQ = Q;
  }
  return layer;
}

// An instance drawn by RapidCheck, so a failing case shrinks to a smallest prompt. The identities hold for any
// data (no separability needed): d ∈ [1, 5], N ∈ [1, 20], small rational entries, steps η_ℓ ∈ [1/8, 9].
struct Instance {
  Mat<Rational> Z;
  Vec<Rational> w0, xq;
  std::vector<Rational> etas;
  std::string shown;
  Index d() const { return Z.rows(); }
  Index N() const { return Z.cols(); }
};

inline Instance draw_instance(int layers, bool zero_start = false) {
  const int d = check::pick_dim(1, 5), N = check::pick_dim(1, 20);
  check::RcSource src;
  Instance in;
  in.Z = src.matrix(d, N, "z_i (columns)");
  in.w0 = zero_start ? Vec<Rational>(Vec<Rational>::Zero(d)) : Vec<Rational>(src.matrix(d, 1, "w_0").col(0));
  in.xq = src.matrix(d, 1, "x_q").col(0);
  for (int l = 0; l < layers; ++l) in.etas.push_back(src.positive(fmt::format("η_{}", l + 1)));
  in.shown = fmt::format("d = {}, N = {}\n", d, N) + src.instance();
  return in;
}

template <class S>
Vec<S> vec(const Vec<Rational>& v) {
  return Vec<S>(cast_matrix<S>(Mat<Rational>(v)));
}

inline double max_abs_diff(const Vec<Mpfr>& a, const Vec<Mpfr>& b) {
  double m = 0;
  for (Index k = 0; k < a.size(); ++k) m = std::max(m, std::abs(to_double(Mpfr(a(k) - b(k)))));
  return m;
}

// Rounding errors scale with the magnitude of the result, so ladders compare |a − b|∞ / max(1, |b|∞) with u·ops.
inline double mixed_error(const Vec<Mpfr>& computed, const Vec<Mpfr>& reference) {
  const double scale = reference.size() ? std::max(1.0, to_double(Mpfr(reference.cwiseAbs().maxCoeff()))) : 1.0;
  return max_abs_diff(computed, reference) / scale;
}

// Rounding budget of a K-layer run on a prompt of N tokens in d dimensions.
inline double ops(int layers, Index N, Index d) { return 16.0 * layers * static_cast<double>(N + d); }

// Runs a stack of one layer per drawn η_ℓ against an oracle iteration from the same start and returns the largest
// state discrepancy over the layers.
template <class Layer, class Step>
double stack_discrepancy(const Instance& in, Layer layer, Step step) {
  const Mat<Mpfr> Z = cast_matrix<Mpfr>(in.Z);
  Prompt<Mpfr> p = zc::ngd_prompt<Mpfr>(Z, vec<Mpfr>(in.w0), vec<Mpfr>(in.xq));
  Vec<Mpfr> w = vec<Mpfr>(in.w0);
  double worst = 0;
  for (const Rational& eta_k : in.etas) {
    const Mpfr eta = from_rational<Mpfr>(eta_k);
    p = forward(layer(eta), p);
    w = step(Z, w, eta);
    worst = std::max(worst, mixed_error(zc::state(p), w));
  }
  return worst;
}

}  // namespace icl::zhangcao2026
