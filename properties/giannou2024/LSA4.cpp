// giannou2024/LSA4 — degrees of LSA layers and of Newton–Schulz iterates, measured on exact polynomials.
#include <cmath>

#include <fmt/format.h>

#include "core/polynomial.hpp"
#include "properties/giannou2024/exact_common.hpp"

namespace icl::giannou2024::lsa4 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  Rng rng = ctx.rng();
  // Nonzero weights, so that the degree bound is attained (generic weights).
  auto rational_entry = [&] {
    const Rational magnitude = random_fraction(rng, 1, 9, 1, 8);
    return Poly(rng.integer(0, 1) ? magnitude : -magnitude);
  };
  bool ok = true;
  std::string failure;
  // (a) Random LSA layers on tokens whose entries are independent variables: deg(out) ≤ 3 deg(in).
  struct LayerShape {
    int width, tokens, layers, heads;
  };
  std::string measured;
  for (const LayerShape s : {LayerShape{2, 2, 2, 2}, LayerShape{1, 2, 3, 1}, LayerShape{3, 2, 1, 2}}) {
    Prompt<Poly> p;
    p.Z.resize(s.width, s.tokens);
    for (Index i = 0; i < p.Z.size(); ++i) p.Z(i) = Poly::variable(static_cast<uint32_t>(i));
    p.n_context = s.tokens;
    long degree = 1;
    std::string chain = "1";
    for (int l = 0; l < s.layers; ++l) {
      LsaLayer<Poly> layer;
      layer.keys = KeySet::All;
      for (int h = 0; h < s.heads; ++h) {
        Head<Poly> hd{Mat<Poly>(s.width, s.width), Mat<Poly>(s.width, s.width), Mat<Poly>(s.width, s.width),
                      Mat<Poly>::Identity(s.width, s.width)};
        for (Mat<Poly>* w : {&hd.WK, &hd.WQ, &hd.WV})
          for (Index i = 0; i < w->size(); ++i) (*w)(i) = rational_entry();
        if (defect == defects::WrongFormula) hd.WV = hd.WV * p.Z(0, 0);  // a data-dependent value map
        layer.heads.push_back(hd);
      }
      p = forward(layer, p);
      long out = 0;
      for (Index i = 0; i < p.Z.size(); ++i) out = std::max(out, p.Z(i).total_degree());
      if (out > 3 * degree && failure.empty()) {
        ok = false;
        failure = fmt::format("width {}, {} tokens: layer {} raised the degree from {} to {} > 3·{}", s.width,
                              s.tokens, l + 1, degree, out, degree);
      }
      chain += "→" + std::to_string(out);
      degree = out;
      ++ev.cases;
    }
    measured += fmt::format("{}width {}, {} tokens, {} heads: {}", measured.empty() ? "" : "; ", s.width, s.tokens,
                            s.heads, chain);
  }
  ev.note("(a) random LSA layers, measured degrees", measured + " (3^L attained for generic weights)");
  // (b) Newton–Schulz of order n from X_0 = αS: entries of X_k have degree 2n^k − 1 in the entries of S.
  std::string orders;
  for (const auto& [order, steps] : {std::pair<int, int>{2, 3}, {3, 2}, {4, 1}, {5, 1}, {6, 1}}) {
    const Index d = 2;
    Mat<Poly> S(d, d);
    for (Index i = 0; i < S.size(); ++i) S(i) = Poly::variable(static_cast<uint32_t>(i));
    const Poly alpha(Rational(rng.integer(1, 9)) / Rational(10));
    Mat<Poly> X = S * alpha;
    for (int k = 1; k <= steps; ++k) {
      X = oracle::newton_schulz_step<Poly>(S, X, order);
      long measured_degree = 0;
      for (Index i = 0; i < X.size(); ++i) measured_degree = std::max(measured_degree, X(i).total_degree());
      const long formula = 2 * std::lround(std::pow(order, k)) - 1;
      ++ev.cases;
      if (measured_degree != formula && failure.empty()) {
        ok = false;
        failure = fmt::format("order {}, step {}: degree {} ≠ 2n^k − 1 = {}", order, k, measured_degree, formula);
      }
      orders += fmt::format("{}n={},k={}: {}", orders.empty() ? "" : "; ", order, k, measured_degree);
    }
  }
  ev.note("(b) Newton–Schulz from αS, measured degree in S (= 2n^k − 1)", orders);
  ev.max_error = 0;
  ev.verdict = ok ? Verdict::ProvedExactly : Verdict::Refuted;
  if (ok) ev.certificate = "degrees measured on exact polynomials (every monomial kept)";
  else ev.counterexample = failure;
  return ev;
}

const Registration row(family(),
    ClaimRow("LSA4", Kind::Identity)
        .statement("Each LSA layer at most triples the polynomial degree (L layers: 3^L); Newton order n "
                    "after k steps from αS has degree 2n^k − 1 (order 2: 2^{k+1} − 1)")
        .source("§4 (degree of the emulated iteration)")
        .uses({"any LSA layer"}, {"O7"})
        .arithmetic("exact polynomials", {"exact"})
        .expect(Verdict::ProvedExactly,
                "a head is trilinear in the tokens; deg X_{k+1} = n·deg X_k + n − 1 from deg X_0 = 1")
        .rejects(defects::WrongFormula)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::lsa4
