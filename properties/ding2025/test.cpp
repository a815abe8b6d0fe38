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
