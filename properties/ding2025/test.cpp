// Ding family: facts about the oracles the checks rest on (the broken variants are run from the rows by test_main).
#include <doctest/doctest.h>

#include "oracles/markov.hpp"
#include "oracles/real_roots.hpp"

using icl::Rational;

TEST_SUITE("ding2025;unit;exact") {
  TEST_CASE("Sturm sign certification: t² − 2, a double root, a sign change, a root at a bisection point") {
    using icl::realroots::sign_on;
    const Rational w(1, 100000000);
    const auto sqrt2 = sign_on({Rational(-2), Rational(0), Rational(1)}, Rational(0), Rational(2), w);
    REQUIRE(sqrt2.roots.size() == 1);
    CHECK(sqrt2.roots[0].first < Rational(141421357, 100000000));
    CHECK(sqrt2.roots[0].second > Rational(141421356, 100000000));
    CHECK(!sqrt2.nonnegative());
    // (t − 1/3)² ≥ 0 with one double root: nonnegative, not positive.
    const auto dbl = sign_on({Rational(1, 9), Rational(-2, 3), Rational(1)}, Rational(0), Rational(1), w);
    CHECK(dbl.roots.size() == 1);
    CHECK(dbl.nonnegative());
    CHECK(!dbl.positive());
    // t − 1/2 on (0, 1): the root is the first bisection point.
    const auto half = sign_on({Rational(-1, 2), Rational(1)}, Rational(0), Rational(1), w);
    CHECK(half.roots.size() == 1);
    CHECK(half.sample_signs == std::vector<int>{-1, 1});
    // Roots at the ends of the interval are outside the open interval.
    const auto ends = sign_on({Rational(0), Rational(1), Rational(-1)}, Rational(0), Rational(1), w);  // t(1 − t)
    CHECK(ends.positive());
  }

  TEST_CASE("O1 (enumeration) and O2 (moment recipe) agree at d = 2, n = 1 and d = 1, n = 3 as polynomials in p") {
    using namespace icl::markov;
    for (const auto& [d, n] : {std::pair<long, long>{2, 1}, {1, 3}}) {
      const Moments a = brute_force(d, n), b = moment_recipe(d, n, Model::RK);
      CHECK(bool(a.H == b.H));
      CHECK(bool(a.h == b.h));
      CHECK(a.Ey2 == b.Ey2);
    }
  }

  TEST_CASE("the factorised model differs from RK for d ≥ 2 (the kernel couples query and context)") {
    using namespace icl::markov;
    const Moments rk = moment_recipe(2, 3, Model::RK), fact = moment_recipe(2, 3, Model::FactH);
    CHECK(bool(rk.H != fact.H));
    CHECK(bool(rk.h == fact.h));
  }
}

#include "properties/ding2025/matrix_view.hpp"

TEST_SUITE("ding2025;unit;exact") {
  TEST_CASE("exact kernel and inertia: a rank-2 indefinite 3×3, a definite one, the zero matrix") {
    using icl::Mat;
    using namespace icl::ding2025;
    Mat<Rational> S(3, 3);
    S << Rational(1), Rational(0), Rational(0), Rational(0), Rational(-2), Rational(0), Rational(0), Rational(0), Rational(0);
    const Mat<Rational> K = kernel(S);
    REQUIRE(K.cols() == 1);
    CHECK(bool((S * K).isZero()));
    CHECK(inertia(S) == std::array<int, 3>{1, 1, 1});
    CHECK(inertia(Mat<Rational>(Mat<Rational>::Identity(3, 3))) == std::array<int, 3>{3, 0, 0});
    CHECK(kernel(Mat<Rational>::Zero(2, 3)).cols() == 3);
    // A 2×3 with dependent rows: kernel of dimension 2, every vector annihilated.
    Mat<Rational> M(2, 3);
    M << Rational(1), Rational(2), Rational(3), Rational(2), Rational(4), Rational(6);
    const Mat<Rational> K2 = kernel(M);
    CHECK(K2.cols() == 2);
    CHECK(bool((M * K2).isZero()));
  }
}

#include "oracles/bernstein.hpp"

TEST_SUITE("ding2025;unit;exact") {
  TEST_CASE("Bernstein sign certification on the unit square: corner zero, edge factors, a negative corner") {
    using namespace icl::realroots;
    const Rational z(0), one(1);
    // u + v: zero only at the corner (0, 0) — needs one blow-up.
    CHECK(!positive_on_unit_square({{z, one}, {one, z}}, 30).positive);
    CHECK(nonnegative_on_unit_square({{z, one}, {one, z}}, 1, 30).positive);
    // (1 + u)·v(1 − v) = v − v² + uv − uv²: the factor v(1 − v) divides out.
    CHECK(nonnegative_on_unit_square({{z, one, -one}, {z, one, -one}}, 0, 30).positive);
    // u − v + 1/10 is −9/10 at (0, 1).
    const auto neg = nonnegative_on_unit_square({{Rational(1, 10), -one}, {one, z}}, 2, 30);
    CHECK(!neg.positive);
    // (v − 1/2)² + u/100 vanishes inside an edge (u = 0, v = 1/2): not certified within the depth.
    CHECK(!nonnegative_on_unit_square({{Rational(1, 4), -one, one}, {Rational(1, 100), z, z}}, 2, 12).positive);
  }
}

// The GPT-2 models of MK27 (gpt2.hpp): the interleaved tokens never show ŷ_i its own label, and the loss's gradient
// (the transformer's backward, checked against MPFR in training/transformer_test.cpp, at a curriculum length with the
// positions padded back) agrees with central differences.
#include "core/random.hpp"
#include "properties/ding2025/gpt2.hpp"

namespace {

using icl::Index;
using icl::Mat;
using icl::Vec;
namespace gpt2 = icl::ding2025::gpt2;

gpt2::Size small_size() { return {"test", 8, 2, 2}; }

struct Chains {
  Mat<double> X;
  Vec<double> y;
};

Chains draw_chains(icl::Rng& rng, Index n) {
  Chains c{Mat<double>(gpt2::kD, n), Vec<double>(n)};
  for (Index i = 0; i < c.X.size(); ++i) c.X(i) = double(rng.integer(0, 1));
  for (Index i = 0; i < n; ++i) c.y(i) = double(rng.integer(0, 1));
  return c;
}

// A broken tokenisation for the test: the y-token before the x-token, so that ŷ_i is read after y_i.
Mat<double> label_first_tokens(const Mat<double>& X, const Vec<double>& y) {
  Mat<double> U = gpt2::chain_tokens(X, y);
  for (Index i = 0; i < X.cols(); ++i) U.col(2 * i).swap(U.col(2 * i + 1));
  return U;
}

// Largest change of ŷ_i (read at column 2i) when y_i alone flips, over every i.
double own_label_influence(const icl::training::Transformer<double>& m, const Chains& c,
                           Mat<double> (*tokens)(const Mat<double>&, const Vec<double>&)) {
  const Index n = c.X.cols();
  double worst = 0;
  for (Index i = 0; i < n; ++i) {
    Vec<double> flipped = c.y;
    flipped(i) = 1 - flipped(i);
    const Mat<double> a = icl::training::transformer_forward(gpt2::at_length(m, 2 * n), tokens(c.X, c.y));
    const Mat<double> b = icl::training::transformer_forward(gpt2::at_length(m, 2 * n), tokens(c.X, flipped));
    worst = std::max(worst, std::abs(a(0, 2 * i) - b(0, 2 * i)));
  }
  return worst;
}

}  // namespace

TEST_SUITE("ding2025;unit;double") {
  TEST_CASE("GPT-2 tokens: ŷ_i never reads y_i (causal, x-token first); a label-first layout leaks it") {
    icl::Rng rng(27);
    const auto m = icl::training::init_transformer(gpt2::shape(small_size()), rng, 0.5);  // large weights: visible effects
    const Chains c = draw_chains(rng, 6);
    CHECK(own_label_influence(m, c, gpt2::chain_tokens) == 0.0);
    CHECK(own_label_influence(m, c, label_first_tokens) > 1e-3);
    // ... and ŷ_i does read the earlier labels (the context is used).
    Vec<double> flipped = c.y;
    flipped(0) = 1 - flipped(0);
    const Mat<double> a = icl::training::transformer_forward(gpt2::at_length(m, 12), gpt2::chain_tokens(c.X, c.y));
    const Mat<double> b = icl::training::transformer_forward(gpt2::at_length(m, 12), gpt2::chain_tokens(c.X, flipped));
    CHECK(std::abs(a(0, 10) - b(0, 10)) > 1e-6);
    CHECK(gpt2::chains_at(0, 1000) == gpt2::kFirstChains);
    CHECK(gpt2::chains_at(500, 1000) == gpt2::kLastChains);
    CHECK(gpt2::chains_at(999, 1000) == gpt2::kLastChains);
  }

  TEST_CASE("GPT-2 loss gradient at a curriculum length agrees with central differences; a halved one does not") {
    icl::Rng rng(28);
    auto m = icl::training::init_transformer(gpt2::shape(small_size()), rng, 0.3);
    const Index B = 3, n = 5;  // 10 of the model's 202 positions
    Mat<double> U(gpt2::kD + 1, B * 2 * n), y(B, n);
    for (Index b = 0; b < B; ++b) {
      const Chains c = draw_chains(rng, n);
      U.middleCols(b * 2 * n, 2 * n) = gpt2::chain_tokens(c.X, c.y);
      y.row(b) = c.y.transpose();
    }
    icl::training::Transformer<double> g;
    gpt2::loss_and_gradient(m, U, y, &g);
    REQUIRE(g.pos.cols() == m.pos.cols());
    CHECK(g.pos.rightCols(m.pos.cols() - 2 * n).isZero(0));
    // Directional derivative along a random direction: central differences with h = 2⁻¹⁷ are accurate to
    // O(h²) + O(u/h) ≈ 10⁻¹⁰ relative; 10⁻⁶ separates that from any wrong term.
    std::vector<Mat<double>*> params;
    std::vector<const Mat<double>*> grads;
    m.for_each([&](Mat<double>& w) { params.push_back(&w); });
    g.for_each([&](const Mat<double>& w) { grads.push_back(&w); });
    std::vector<Mat<double>> dir;
    double analytic = 0;
    for (size_t k = 0; k < params.size(); ++k) {
      dir.push_back(Mat<double>(params[k]->rows(), params[k]->cols()));
      for (Index i = 0; i < dir.back().size(); ++i) dir.back()(i) = rng.normal();
      analytic += grads[k]->cwiseProduct(dir.back()).sum();
    }
    const double h = std::ldexp(1.0, -17);
    auto shifted = [&](double t) {
      for (size_t k = 0; k < params.size(); ++k) *params[k] += t * dir[k];
      const double l = gpt2::loss_and_gradient(m, U, y, nullptr);
      for (size_t k = 0; k < params.size(); ++k) *params[k] -= t * dir[k];
      return l;
    };
    const double numeric = (shifted(h) - shifted(-h)) / (2 * h);
    CHECK(std::abs(numeric - analytic) <= 1e-6 * std::abs(numeric));
    CHECK(std::abs(numeric - analytic / 2) > 1e-6 * std::abs(numeric));
  }
}
