// The standard transformer (transformer.hpp): its forward pass against a token-by-token reading of the definition,
// its causal mask, and its backpropagation against MPFR central differences (a gradient off by a factor is caught).
#include <doctest/doctest.h>

#include <cmath>

#include "core/finite_difference.hpp"
#include "training/gradient_check.hpp"
#include "training/transformer.hpp"

namespace {

using namespace icl;
using namespace icl::training;

// (γ, β) and biases away from their init, so that every term of the backward pass matters.
Transformer<double> shaken(const TransformerShape& c, Rng& rng) {
  Transformer<double> m = init_transformer(c, rng, 0.4);
  m.for_each([&](Mat<double>& w) {
    for (Index i = 0; i < w.size(); ++i) w(i) += 0.3 * rng.normal();
  });
  return m;
}

Mat<double> random_input(const TransformerShape& c, Index sequences, Rng& rng) {
  Mat<double> U(c.in, sequences * c.length);
  for (Index i = 0; i < U.size(); ++i) U(i) = rng.normal();
  return U;
}

// The definition read token by token, in double: no batched products, no tape.
Vec<double> layer_norm(const Vec<double>& x, const Mat<double>& g, const Mat<double>& b) {
  const double mu = x.mean(), var = (x.array() - mu).square().mean();
  return ((x.array() - mu) / std::sqrt(var + 1e-5) * g.col(0).array() + b.col(0).array()).matrix();
}
Mat<double> reference_forward(const Transformer<double>& m, const Mat<double>& U) {
  const TransformerShape& c = m.shape;
  const Index T = c.length, dk = c.key_size();
  Mat<double> Y(c.read_out ? c.out : c.width, U.cols());
  for (Index b = 0; b * T < U.cols(); ++b) {
    std::vector<Vec<double>> x(static_cast<size_t>(T));
    for (Index t = 0; t < T; ++t) {
      x[size_t(t)] = c.read_in ? Vec<double>(m.W_in * U.col(b * T + t) + m.b_in.col(0)) : Vec<double>(U.col(b * T + t));
      if (c.positions) x[size_t(t)] += m.pos.col(t);
    }
    for (const auto& k : m.blocks) {
      std::vector<Vec<double>> a(static_cast<size_t>(T)), out(static_cast<size_t>(T));
      for (Index t = 0; t < T; ++t) a[size_t(t)] = c.layer_norm ? layer_norm(x[size_t(t)], k.ln1_g, k.ln1_b) : x[size_t(t)];
      for (Index t = 0; t < T; ++t) {
        Vec<double> heads(c.heads * dk);
        for (Index h = 0; h < c.heads; ++h) {
          const auto rows = [&](const Mat<double>& W) { return W.middleRows(h * dk, dk); };
          const Vec<double> q = rows(k.WQ) * a[size_t(t)];
          std::vector<double> w;
          std::vector<Index> keys;
          for (Index s = 0; s < T; ++s)
            if (c.causal ? s <= t : s < (c.keys > 0 ? c.keys : T)) {
              keys.push_back(s);
              w.push_back((rows(k.WK) * a[size_t(s)]).dot(q) / (c.softmax ? std::sqrt(double(dk)) : 1.0));
            }
          if (c.softmax) {
            double total = 0;
            for (double& v : w) total += (v = std::exp(v));
            for (double& v : w) v /= total;
          }
          Vec<double> o = Vec<double>::Zero(dk);
          for (size_t i = 0; i < keys.size(); ++i) o += w[i] * (rows(k.WV) * a[size_t(keys[i])]);
          heads.segment(h * dk, dk) = o;
        }
        out[size_t(t)] = x[size_t(t)] + k.WO * heads + k.bO.col(0);
      }
      for (Index t = 0; t < T; ++t) {
        Vec<double>& y = out[size_t(t)];
        if (c.mlp) {
          const Vec<double> n = c.layer_norm ? layer_norm(y, k.ln2_g, k.ln2_b) : y;
          Vec<double> z = k.W1 * n + k.b1.col(0);
          for (Index i = 0; i < z.size(); ++i)
            z(i) = 0.5 * z(i) * (1 + std::tanh(std::sqrt(2 / std::acos(-1.0)) * (z(i) + 0.044715 * z(i) * z(i) * z(i))));
          y += k.W2 * z + k.b2.col(0);
        }
        if (c.clip > 0) y = y.cwiseMax(-c.clip).cwiseMin(c.clip);
        x[size_t(t)] = y;
      }
    }
    for (Index t = 0; t < T; ++t) {
      const Vec<double> f = c.layer_norm ? layer_norm(x[size_t(t)], m.lnf_g, m.lnf_b) : x[size_t(t)];
      Y.col(b * T + t) = c.read_out ? Vec<double>(m.W_out * f + m.b_out.col(0)) : f;
    }
  }
  return Y;
}

// The shapes the papers use, small: GPT-2's (causal softmax, LN, MLP, positions), von Oswald's attention + MLP block
// (linear, the context as keys, no LN, no read-in/out) and its multi-head stack (key size apart from width/heads),
// multi-head attention alone, Giannou's LSA+LN (linear causal attention under LayerNorm), and the stack with the token
// clip after every block (at 1.5, so that some entries of the shaken models clip and some do not).
std::vector<TransformerShape> shapes() {
  TransformerShape gpt{2, 1, 8, 2, 12, 2, 5};
  TransformerShape vo{6, 6, 6, 1, 12, 1, 4};
  vo.keys = 3, vo.read_in = vo.read_out = vo.positions = vo.layer_norm = vo.causal = vo.softmax = false;
  TransformerShape heads{3, 2, 6, 3, 8, 1, 4};
  heads.mlp = false, heads.causal = false;
  TransformerShape deep = vo;  // von Oswald's 12-layer form, small: 4 heads of key size = width, untied layers
  deep.heads = 4, deep.key = 6, deep.layers = 2;
  TransformerShape lsa_ln{4, 1, 8, 2, 8, 2, 5};  // Giannou's LSA+LN: read-in, causal linear heads with LN, no MLP
  lsa_ln.mlp = lsa_ln.positions = lsa_ln.softmax = false;
  TransformerShape clipped = deep;
  clipped.clip = 1.5;
  return {gpt, vo, heads, deep, lsa_ln, clipped};
}

}  // namespace

TEST_SUITE("training;unit;double") {
  TEST_CASE("the transformer's batched forward pass is the definition read token by token; the causal mask holds") {
    Rng rng(1);
    for (const TransformerShape& c : shapes()) {
      CAPTURE(c.causal);
      const Transformer<double> m = shaken(c, rng);
      Mat<double> U = random_input(c, 3, rng);
      const Mat<double> Y = transformer_forward(m, U);
      const Mat<double> R = reference_forward(m, U);
      CHECK((Y - R).cwiseAbs().maxCoeff() <= 1e-12 * std::max(1.0, R.cwiseAbs().maxCoeff()));
      if (c.clip > 0) {  // the clip is exercised: some entries clip, some do not
        TransformerTape<double> tape;
        transformer_forward(m, U, &tape);
        const Mat<double>& out = tape.layers.front().unclipped;
        CHECK((out.array().abs() > c.clip).count() > 0);
        CHECK((out.array().abs() < c.clip).count() > 0);
      }
      // The last token of sequence 1 changed: no earlier output moves with the causal mask, nor when the last token is
      // not among the keys (von Oswald's query); with every token a key they do.
      const bool last_is_key = !c.causal && (c.keys == 0 || c.keys == c.length);
      U.col(2 * c.length - 1).array() += 1.0;
      const Mat<double> moved = transformer_forward(m, U);
      const double earlier = (moved - Y).middleCols(c.length, c.length - 1).cwiseAbs().maxCoeff();
      if (last_is_key) CHECK(earlier > 1e-6);
      else CHECK(earlier == 0.0);
      CHECK((moved - Y).leftCols(c.length).cwiseAbs().maxCoeff() == 0.0);  // other sequences never move
      // The first token is a key of every later token: changing it moves the last output.
      U.col(c.length).array() += 1.0;
      CHECK((transformer_forward(m, U) - moved).col(2 * c.length - 1).cwiseAbs().maxCoeff() > 1e-6);
    }
  }
}

TEST_SUITE("training;unit;mpfr") {
  TEST_CASE("the transformer's gradient agrees with MPFR central differences, and a gradient off by a factor does not") {
    const PrecisionScope bits(kCentralDifferenceBits);
    Rng rng(2);
    for (const TransformerShape& c : shapes()) {
      CAPTURE(c.softmax);
      CAPTURE(c.layer_norm);
      Transformer<Mpfr> m = shaken(c, rng).cast<Mpfr>();
      const Mat<Mpfr> U = random_input(c, 2, rng).cast<Mpfr>();
      Mat<Mpfr> target(c.read_out ? c.out : c.width, U.cols());
      for (Index i = 0; i < target.size(); ++i) target(i) = Mpfr(rng.normal());
      const auto loss = [&] { return Mpfr(0.5 * (transformer_forward(m, U) - target).squaredNorm() / double(U.cols())); };
      TransformerTape<Mpfr> tape;
      const Mat<Mpfr> Y = transformer_forward(m, U, &tape);
      const Transformer<Mpfr> g = transformer_backward(m, tape, Mat<Mpfr>((Y - target) / Mpfr(double(U.cols()))));
      std::vector<Mat<Mpfr>*> ws;
      std::vector<const Mat<Mpfr>*> ds;
      m.for_each([&](Mat<Mpfr>& w) { ws.push_back(&w); });
      g.for_each([&](const Mat<Mpfr>& w) { ds.push_back(&w); });
      for (const double factor : {1.0, 0.5}) {
        const auto check = check_gradient_sampled(ws, ds, 5, 3, factor, loss);
        if (factor == 1.0) CHECK_MESSAGE(check.passed(), check.describe());
        else CHECK_MESSAGE(!check.passed(), check.describe());
      }
    }
  }
}
