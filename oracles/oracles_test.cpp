// Every oracle against its definition: each algorithm of oracles/ is compared with a direct evaluation of the formula
// it implements (unshifted exponentials, central differences of the loss it descends), in MPFR, so that an oracle
// whose only other use is a fitted rate still cannot drift from its definition. And every double path at extreme
// inputs (margins of ±1000, far beyond exp's range) against MPFR.
#include <cmath>

#include <doctest/doctest.h>
#include <fmpq_mat.h>

#include "core/finite_difference.hpp"
#include "core/random.hpp"
#include "core/scalar.hpp"
#include "oracles/charpoly.hpp"
#include "oracles/classifiers.hpp"
#include "oracles/gd.hpp"
#include "oracles/ngd.hpp"

using namespace icl;

namespace {

Mat<Mpfr> draw(Rng& rng, Index r, Index c, double scale = 1) {
  Mat<Mpfr> m(r, c);
  for (Index i = 0; i < m.size(); ++i) m(i) = Mpfr(scale * rng.normal());
  return m;
}

double max_abs(const Vec<Mpfr>& v) {
  double m = 0;
  for (Index i = 0; i < v.size(); ++i) m = std::max(m, std::abs(to_double(v(i))));
  return m;
}

// L(w) = (1/N) Σ e^{−⟨z_i, w⟩} and ℓ(w) = log(1 + Σ e^{−⟨z_i, w⟩}), written directly (no shift): the definitions.
Mpfr exp_loss_direct(const Mat<Mpfr>& Z, const Vec<Mpfr>& w) {
  Mpfr s(0);
  for (Index i = 0; i < Z.cols(); ++i) s += exp(Mpfr(-Z.col(i).dot(w)));
  return s / Mpfr(Z.cols());
}
Mpfr log_loss_direct(const Mat<Mpfr>& Z, const Vec<Mpfr>& w) {
  Mpfr s(1);
  for (Index i = 0; i < Z.cols(); ++i) s += exp(Mpfr(-Z.col(i).dot(w)));
  return log(s);
}

template <class Loss>
Vec<Mpfr> gradient_by_differences(Vec<Mpfr> w, Loss loss) {
  const Mpfr h = central_difference_step();
  Vec<Mpfr> g(w.size());
  for (Index k = 0; k < w.size(); ++k) g(k) = central_difference(w(k), h, [&] { return loss(w); });
  return g;
}

// Central differences at h = 2^-80 in 256-bit MPFR agree with the exact derivative to ~2^-150 relative.
constexpr double kDefinitionTolerance = 1e-40;

}  // namespace

TEST_SUITE("oracles;unit;mpfr") {
  TEST_CASE("normalized GD and its relatives equal their definitions") {
    PrecisionScope scope(kCentralDifferenceBits);
    Rng rng(11);
    for (int rep = 0; rep < 5; ++rep) {
      const Index d = 3, N = 6;
      const Mat<Mpfr> Z = draw(rng, d, N);
      const Vec<Mpfr> w = draw(rng, d, 1), x0 = draw(rng, d, 1);
      const Mpfr eta(0.7);
      // NGD: g = −∇L/L.
      const Vec<Mpfr> gradL = gradient_by_differences(w, [&](const Vec<Mpfr>& v) { return exp_loss_direct(Z, v); });
      const Vec<Mpfr> g = oracle::ngd_direction<Mpfr>(Z, w);
      CHECK(max_abs(Vec<Mpfr>(g + gradL / exp_loss_direct(Z, w))) < kDefinitionTolerance);
      CHECK(max_abs(Vec<Mpfr>(oracle::ngd_step<Mpfr>(Z, w, eta) - (w + eta * g))) < kDefinitionTolerance);
      // V-norm: a step of length exactly η along g.
      const Vec<Mpfr> vstep = oracle::vnorm_step<Mpfr>(Z, w, eta) - w;
      CHECK(std::abs(to_double(Mpfr(sqrt(Mpfr(vstep.squaredNorm())) - eta))) < kDefinitionTolerance);
      CHECK(max_abs(Vec<Mpfr>(vstep * sqrt(Mpfr(g.squaredNorm())) - eta * g)) < kDefinitionTolerance);
      // GD on L and on ℓ = log(1 + Σ e^{−m}).
      CHECK(max_abs(Vec<Mpfr>(oracle::gd_exp_step<Mpfr>(Z, w, eta) - (w - eta * gradL))) < kDefinitionTolerance);
      const Vec<Mpfr> gradl = gradient_by_differences(w, [&](const Vec<Mpfr>& v) { return log_loss_direct(Z, v); });
      CHECK(max_abs(Vec<Mpfr>(oracle::gd_logloss_step<Mpfr>(Z, w, eta) - (w - eta * gradl))) < kDefinitionTolerance);
      // Soft-min ψ = −log Σ e^{−m} and L = e^{−ψ}/N.
      CHECK(std::abs(to_double(Mpfr(oracle::softmin<Mpfr>(Z, w) + log(Mpfr(N * exp_loss_direct(Z, w)))))) < kDefinitionTolerance);
      CHECK(std::abs(to_double(Mpfr(oracle::exp_loss<Mpfr>(Z, w) - exp_loss_direct(Z, w)))) < kDefinitionTolerance);
      // The cone tracker follows NGD: Z c' = ngd_step(Z c).
      const Vec<Mpfr> c = draw(rng, N, 1).cwiseAbs();
      CHECK(max_abs(Vec<Mpfr>(Z * oracle::cone_step<Mpfr>(Z, c, eta) - oracle::ngd_step<Mpfr>(Z, Vec<Mpfr>(Z * c), eta))) <
            kDefinitionTolerance);
      (void)x0;
    }
  }

  TEST_CASE("the GD oracle's gradient is the gradient of (1/2N) sum |W x_i - y_i|^2") {
    PrecisionScope scope(kCentralDifferenceBits);
    Rng rng(5);
    const Index d = 3, dy = 2, N = 7;
    const Mat<Mpfr> X = draw(rng, d, N), Y = draw(rng, dy, N);
    Mat<Mpfr> W = draw(rng, dy, d);
    const auto loss = [&] { return Mpfr((W * X - Y).squaredNorm() / Mpfr(2 * N)); };
    const Mat<Mpfr> g = oracle::gradient<Mpfr>(W, X, Y);
    const Mpfr h = central_difference_step();
    double worst = 0;
    for (Index i = 0; i < W.size(); ++i)
      worst = std::max(worst, std::abs(to_double(Mpfr(central_difference(W(i), h, loss) - g(i)))));
    CHECK(worst < kDefinitionTolerance);
  }
}

TEST_SUITE("oracles;unit;double") {
  TEST_CASE("baseline classifiers: definitions on instances with known answers") {
    // Separable along the first coordinate (label = x_1), with a distractor column.
    Mat<double> X(6, 2);
    X << 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0;
    Vec<double> y(6);
    y << 0, 0, 0, 1, 1, 1;
    for (const double q1 : {0.0, 1.0}) {
      Vec<double> q(2);
      q << q1, 0;
      CHECK(oracle::logistic_predict(X, y, q) == int(q1));
      CHECK(oracle::least_squares_predict(X, y, q) == int(q1));
      CHECK(oracle::svm_predict(X, y, q) == int(q1));
      CHECK(oracle::knn_predict(X, y, q, 3) == int(q1));
    }
    // 3-NN: the three nearest rows vote, ties in distance broken by context order.
    Mat<double> Z(4, 1);
    Z << 0, 0.1, 0.2, 5;
    Vec<double> labels(4);
    labels << 1, 0, 0, 1;
    Vec<double> q(1);
    q << 0;
    CHECK(oracle::knn_predict(Z, labels, q, 3) == 0);  // 1, 0, 0: majority 0 although the nearest is 1
    CHECK(oracle::knn_predict(Z, labels, q, 1) == 1);
    // Least squares predicts 1 at fit ≥ 1/2: labels 0, 1 at x = 0, 1 give the fit 1/2 at x = 1/2.
    Mat<double> W(2, 1);
    W << 0, 1;
    Vec<double> l2(2);
    l2 << 0, 1;
    Vec<double> half(1);
    half << 0.49;
    CHECK(oracle::least_squares_predict(W, l2, half) == 0);
    half << 0.51;
    CHECK(oracle::least_squares_predict(W, l2, half) == 1);
  }

  TEST_CASE("the double NGD oracles stay finite and accurate at margins of plus or minus 1000") {
    Rng rng(3);
    const Index d = 4, N = 9;
    Mat<double> Z(d, N);
    Vec<double> w(d);
    for (Index i = 0; i < Z.size(); ++i) Z(i) = rng.normal();
    for (Index i = 0; i < d; ++i) w(i) = rng.normal();
    for (double scale : {1.0, 300.0, 1000.0, 1e5}) {
      const Vec<double> ws = scale * w;
      PrecisionScope scope(256);
      const Mat<Mpfr> Zm = Z.cast<Mpfr>();
      const Vec<Mpfr> wm = ws.cast<Mpfr>();
      const Vec<double> g = oracle::ngd_direction<double>(Z, ws);
      const Vec<Mpfr> gm = oracle::ngd_direction<Mpfr>(Zm, wm);
      CAPTURE(scale);
      REQUIRE(g.allFinite());
      for (Index k = 0; k < d; ++k) CHECK(std::abs(g(k) - to_double(gm(k))) <= 1e-12 * (1 + std::abs(to_double(gm(k)))));
      const double psi = oracle::softmin<double>(Z, ws), psi_m = to_double(oracle::softmin<Mpfr>(Zm, wm));
      REQUIRE(std::isfinite(psi));
      CHECK(std::abs(psi - psi_m) <= 1e-12 * (1 + std::abs(psi_m)));
      const Vec<double> s = oracle::gd_logloss_step<double>(Z, ws, 0.5), sm = oracle::gd_logloss_step<Mpfr>(Zm, wm, Mpfr(0.5)).cast<double>();
      REQUIRE(s.allFinite());
      CHECK((s - sm).cwiseAbs().maxCoeff() <= 1e-12 * (1 + sm.cwiseAbs().maxCoeff()));
      const Vec<double> v = oracle::vnorm_step<double>(Z, ws, 0.5);
      REQUIRE(v.allFinite());
    }
  }
}

TEST_SUITE("oracles;unit;exact") {
  // Bareiss's minors against FLINT's determinant of each leading block (an independent routine), on rational
  // matrices with unequal denominators: positive definite, indefinite, and with a zero leading minor.
  TEST_CASE("leading principal minors equal the determinants of the leading blocks") {
    Rng rng(20261202);
    const auto det = [](const Mat<Rational>& A) {
      fmpq_mat_t M;
      fmpq_mat_init(M, A.rows(), A.cols());
      for (Index i = 0; i < A.rows(); ++i)
        for (Index j = 0; j < A.cols(); ++j) fmpq_set(fmpq_mat_entry(M, i, j), A(i, j).get());
      Rational d;
      fmpq_mat_det(d.get(), M);
      fmpq_mat_clear(M);
      return d;
    };
    for (int trial = 0; trial < 20; ++trial) {
      const Index n = 1 + trial % 7;
      Mat<Rational> B(n, n);
      for (Index i = 0; i < B.size(); ++i) B(i) = random_fraction(rng, -9, 9, 1, 12);
      const Mat<Rational> A = trial % 2 == 0 ? Mat<Rational>(B.transpose() * B + Mat<Rational>::Identity(n, n)) : B;
      const std::vector<Rational> m = oracle::leading_minors(A);
      for (size_t k = 0; k < m.size(); ++k) CHECK(m[k] == det(A.topLeftCorner(k + 1, k + 1)));
      if (trial % 2 == 0) {
        CHECK(static_cast<Index>(m.size()) == n);
        for (const Rational& v : m) CHECK(v > 0);
      }
    }
    Mat<Rational> swap(2, 2);
    swap << 0, 1, 1, 0;
    const std::vector<Rational> m = oracle::leading_minors(swap);
    REQUIRE(m.size() == 1);
    CHECK(m[0] == 0);
  }
}
