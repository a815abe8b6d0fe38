// Unit tests of the layer code: the LSA and softmax backward passes against MPFR central differences, for every
// key set, with one test body for both layer types.
#include <doctest/doctest.h>

#include "constructions/attention.hpp"
#include "core/finite_difference.hpp"
#include "core/random.hpp"

using namespace icl;

namespace {

// The layer's scalar: λ of LSA, the score scale of softmax attention (backward's dscalar).
Mpfr& layer_scalar(LsaLayer<Mpfr>& l) { return l.lambda; }
Mpfr& layer_scalar(SoftmaxLayer<Mpfr>& l) { return l.scale; }

// Worst |analytic − central difference| over every weight, every prompt entry and the scalar, for
// loss = Σ R ⊙ forward(layer, Z), whose gradient is backward(layer, Z, R).
template <class Layer>
double worst_discrepancy(KeySet keys) {
  PrecisionScope scope(kCentralDifferenceBits);
  Rng rng(static_cast<uint64_t>(keys) + 7);
  auto draw = [&](Index r, Index c) {
    Mat<Mpfr> m(r, c);
    for (Index i = 0; i < m.size(); ++i) m(i) = Mpfr(rng.normal());
    return m;
  };
  const Index D = 3, T = 5, k = 2, v = 4;
  Layer layer;
  layer.keys = keys;
  layer_scalar(layer) = Mpfr(0.7);
  for (int h = 0; h < 2; ++h) layer.heads.push_back({draw(k, D), draw(k, D), draw(v, D), draw(D, v)});
  Prompt<Mpfr> p{draw(D, T), 3};
  const Mat<Mpfr> R = draw(D, T);
  const AttentionGradient<Mpfr> g = backward(layer, p, R);
  const Mpfr h = central_difference_step();
  const auto loss = [&] { return Mpfr(forward(layer, p).Z.cwiseProduct(R).sum()); };
  double worst = 0;
  const auto compare = [&](Mpfr& x, const Mpfr& analytic) {
    worst = std::max(worst, to_double(Mpfr(abs(Mpfr(central_difference(x, h, loss) - analytic)))));
  };
  for (size_t hd = 0; hd < layer.heads.size(); ++hd) {
    Head<Mpfr>& w = layer.heads[hd];
    const Head<Mpfr>& dw = g.dheads[hd];
    for (Index i = 0; i < w.WK.size(); ++i) compare(w.WK(i), dw.WK(i));
    for (Index i = 0; i < w.WQ.size(); ++i) compare(w.WQ(i), dw.WQ(i));
    for (Index i = 0; i < w.WV.size(); ++i) compare(w.WV(i), dw.WV(i));
    for (Index i = 0; i < w.P.size(); ++i) compare(w.P(i), dw.P(i));
  }
  for (Index i = 0; i < p.Z.size(); ++i) compare(p.Z(i), g.dZ(i));
  compare(layer_scalar(layer), g.dscalar);
  return worst;
}

// Absolute; the error budget is in core/finite_difference.hpp (~7e-49 times derivative ratios).
constexpr double kGradientTolerance = 1e-40;

}  // namespace

TYPE_TO_STRING_AS("LSA", LsaLayer<Mpfr>);
TYPE_TO_STRING_AS("softmax", SoftmaxLayer<Mpfr>);

TEST_SUITE("constructions;unit;mpfr") {
  TEST_CASE_TEMPLATE("backward matches central differences for context keys", Layer, LsaLayer<Mpfr>, SoftmaxLayer<Mpfr>) {
    CHECK(worst_discrepancy<Layer>(KeySet::Context) < kGradientTolerance);
  }
  TEST_CASE_TEMPLATE("backward matches central differences when every token is a key", Layer, LsaLayer<Mpfr>,
                     SoftmaxLayer<Mpfr>) {
    CHECK(worst_discrepancy<Layer>(KeySet::All) < kGradientTolerance);
  }
  TEST_CASE_TEMPLATE("backward matches central differences with a causal mask", Layer, LsaLayer<Mpfr>, SoftmaxLayer<Mpfr>) {
    CHECK(worst_discrepancy<Layer>(KeySet::Causal) < kGradientTolerance);
  }
}

TEST_SUITE("constructions;unit;double") {
  // Softmax with logits beyond ±700 (exp's range in double): a max-shifted softmax stays finite and agrees with MPFR;
  // any other shift overflows or loses every weight.
  TEST_CASE("double softmax attention is stable at logits of plus or minus 2000") {
    Rng rng(17);
    const Index D = 3, T = 6, k = 2;
    SoftmaxLayer<double> layer;
    layer.keys = KeySet::All;
    Head<double> h{Mat<double>(k, D), Mat<double>(k, D), Mat<double>(D, D), Mat<double>::Identity(D, D)};
    for (Mat<double>* m : {&h.WK, &h.WQ, &h.WV})
      for (Index i = 0; i < m->size(); ++i) (*m)(i) = rng.normal();
    layer.heads.push_back(h);
    Prompt<double> p{Mat<double>(D, T), T};
    for (Index i = 0; i < p.Z.size(); ++i) p.Z(i) = rng.normal();
    for (double scale : {1.0, 100.0, 700.0, 2000.0}) {
      CAPTURE(scale);
      layer.scale = scale;
      const Mat<double> out = forward(layer, p).Z;
      REQUIRE(out.allFinite());
      PrecisionScope scope(256);
      SoftmaxLayer<Mpfr> lm;
      lm.keys = KeySet::All;
      lm.scale = Mpfr(scale);
      lm.heads.push_back({h.WK.cast<Mpfr>(), h.WQ.cast<Mpfr>(), h.WV.cast<Mpfr>(), h.P.cast<Mpfr>()});
      const Mat<Mpfr> ref = forward(lm, Prompt<Mpfr>{p.Z.cast<Mpfr>(), T}).Z;
      for (Index i = 0; i < out.size(); ++i) CHECK(std::abs(out(i) - to_double(ref(i))) <= 1e-12 * (1 + std::abs(to_double(ref(i)))));
    }
  }
}
