// Unit tests of the layer code: the LSA backward pass against MPFR central differences for every key set.
#include <doctest/doctest.h>

#include "constructions/attention.hpp"
#include "core/random.hpp"

using namespace icl;

namespace {

// loss = Σ R ⊙ forward(layer, Z): its gradient is backward(layer, Z, R).
Mpfr loss(const LsaLayer<Mpfr>& layer, const Prompt<Mpfr>& p, const Mat<Mpfr>& R) {
  return forward(layer, p).Z.cwiseProduct(R).sum();
}

double worst_discrepancy(KeySet keys) {
  PrecisionScope scope(256);
  Rng rng(static_cast<uint64_t>(keys) + 7);
  auto draw = [&](Index r, Index c) {
    Mat<Mpfr> m(r, c);
    for (Index i = 0; i < m.size(); ++i) m(i) = Mpfr(rng.normal());
    return m;
  };
  const Index D = 3, T = 5, k = 2, v = 4;
  LsaLayer<Mpfr> layer;
  layer.keys = keys;
  layer.lambda = Mpfr(0.7);
  for (int h = 0; h < 2; ++h) layer.heads.push_back({draw(k, D), draw(k, D), draw(v, D), draw(D, v)});
  Prompt<Mpfr> p{draw(D, T), 3};
  const Mat<Mpfr> R = draw(D, T);
  const AttentionGradient<Mpfr> g = backward(layer, p, R);
  const Mpfr h = ldexp(Mpfr(1), -90);
  double worst = 0;
  auto compare = [&](Mpfr& x, const Mpfr& analytic, auto&& evaluate) {
    const Mpfr keep = x;
    x = keep + h;
    const Mpfr up = evaluate();
    x = keep - h;
    const Mpfr down = evaluate();
    x = keep;
    worst = std::max(worst, to_double(Mpfr(abs(Mpfr((up - down) / (2 * h) - analytic)))));
  };
  const auto eval = [&] { return loss(layer, p, R); };
  for (size_t hd = 0; hd < layer.heads.size(); ++hd) {
    Head<Mpfr>& w = layer.heads[hd];
    const Head<Mpfr>& dw = g.dheads[hd];
    for (Index i = 0; i < w.WK.size(); ++i) compare(w.WK(i), dw.WK(i), eval);
    for (Index i = 0; i < w.WQ.size(); ++i) compare(w.WQ(i), dw.WQ(i), eval);
    for (Index i = 0; i < w.WV.size(); ++i) compare(w.WV(i), dw.WV(i), eval);
    for (Index i = 0; i < w.P.size(); ++i) compare(w.P(i), dw.P(i), eval);
  }
  for (Index i = 0; i < p.Z.size(); ++i) compare(p.Z(i), g.dZ(i), eval);
  compare(layer.lambda, g.dscalar, eval);
  return worst;
}

}  // namespace

TEST_SUITE("constructions;unit;mpfr") {
  TEST_CASE("LSA backward matches central differences for context keys") { CHECK(worst_discrepancy(KeySet::Context) < 1e-40); }
  TEST_CASE("LSA backward matches central differences when every token is a key") { CHECK(worst_discrepancy(KeySet::All) < 1e-40); }
  TEST_CASE("LSA backward matches central differences with a causal mask") { CHECK(worst_discrepancy(KeySet::Causal) < 1e-40); }
}
