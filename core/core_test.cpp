// Unit tests of the building blocks: scalars, degree tracker, balls, polynomials, spectra, the property runner.
#include <doctest/doctest.h>

#include "core/ball.hpp"
#include "core/certificate.hpp"
#include "core/degree.hpp"
#include "core/fit.hpp"
#include "core/property.hpp"
#include "core/random.hpp"
#include "core/scalar.hpp"
#include "oracles/charpoly.hpp"
#include "oracles/moments.hpp"

using namespace icl;

TEST_SUITE("core;unit;exact") {
  TEST_CASE("Degree evaluates in the (max +) semiring with 0 as the zero polynomial") {
    const Degree x = Degree::variable(), c = Degree::constant(), zero(0);
    CHECK((x * x + c).value() == 2);
    CHECK((x * zero).is_zero());
    CHECK((zero + x * x * x).value() == 3);
    CHECK((x / Degree(5)).value() == 1);
    CHECK_THROWS((c / x));
  }

  TEST_CASE("Schwartz–Zippel bound is (D/S)^k") {
    const SchwartzZippel sz{4, 32, 2};
    CHECK(sz.bound() == doctest::Approx(16.0 / 18446744073709551616.0).epsilon(1e-12));
    CHECK(SchwartzZippel{0, 32, 1}.bound() == 0.0);
  }

  TEST_CASE("seeded random streams are reproducible and integer draws reach both ends") {
    Rng a(7), b(7);
    for (int i = 0; i < 10; ++i) CHECK(a.next() == b.next());
    bool lo = false, hi = false;
    for (int i = 0; i < 1000; ++i) {
      const auto v = a.integer(-2, 2);
      CHECK((v >= -2 && v <= 2));
      lo |= v == -2;
      hi |= v == 2;
    }
    CHECK((lo && hi));
    CHECK(mix_seed(1, "a") != mix_seed(1, "b"));
  }

  TEST_CASE("moments of uniform and Gaussian variables and their independence") {
    Variables v;
    const auto x = v.add("x", Law::Uniform, rational(1, 2));
    const auto g = v.add("g", Law::Gaussian, 2);
    const auto s = v.add("s", Law::Symbol);
    CHECK(expect(v(x) * v(x), v).constant() == rational(1, 12));
    CHECK(expect(v(g) * v(g) * v(g) * v(g), v).constant() == 12);  // 3·v²
    CHECK(expect(v(x) * v(g), v).is_zero());
    const Poly e = expect(v(s) * v(x) * v(x) + v(s) * v(s), v);
    CHECK(coefficients_in(e, s) == std::vector<Rational>{0, rational(1, 12), 1});
  }

  TEST_CASE("characteristic polynomials and Newton's identities") {
    Mat<Rational> A(2, 2);
    A << 2, 1, 1, 2;
    const auto c = oracle::charpoly(A);
    CHECK(c == std::vector<Rational>{3, -4, 1});
    const auto p = oracle::power_sums(c, 3);
    CHECK(p == std::vector<Rational>{4, 10, 28});
    CHECK(oracle::monic_from_power_sums(p, 2) == c);
  }

  TEST_CASE("PrecisionScope gives at least the requested bits and restores the previous precision") {
    const int before = precision_bits(Mpfr(0));
    {
      PrecisionScope s(300);
      CHECK(s.bits() >= 300);
      CHECK(precision_bits(Mpfr(1)) == s.bits());
      CHECK(Ball::precision() == s.bits());
    }
    CHECK(precision_bits(Mpfr(0)) == before);
  }
}

TEST_SUITE("core;unit;arb") {
  TEST_CASE("Ball encloses exp(1) and certifies strict inequalities") {
    PrecisionScope s(128);
    const Ball e = exp(Ball(1));
    CHECK(Ball(2.718281828).certainly_below(e));
    CHECK(e.certainly_below(Ball(2.718281829)));
    CHECK_FALSE(e.certainly_below(e));
  }

  TEST_CASE("certified real roots of t² − 2") {
    const auto r = oracle::real_roots({-2, 0, 1}, 128);
    REQUIRE(r.certified);
    REQUIRE(r.roots.size() == 2);
    CHECK(r.roots[0].certainly_below(Ball(-1.41421356)));
    CHECK(Ball(1.41421356).certainly_below(r.roots[1]));
  }
}

TEST_SUITE("core;unit;none") {
  TEST_CASE("a false property fails and shrinks to the minimal case that its reproduce string re-runs") {
    const auto prop = [] {
      const int x = *rc::gen::inRange(0, 1000);
      RC_ASSERT(x < 10);
    };
    const PropertyOutcome out = check_property("core/shrink", prop, PropertyParams{42, 200});
    REQUIRE(out.failed());
    CHECK(out.counterexample == "10");
    REQUIRE(out.reproduce.rfind("RC_PARAMS=\"reproduce=", 0) == 0);
    PropertyParams again{1, 200};
    again.reproduce = out.reproduce;
    const PropertyOutcome re = check_property("core/shrink", prop, again);
    REQUIRE(re.failed());
    CHECK(re.counterexample == "10");
    CHECK(re.successes == 0);  // exactly the recorded case, nothing else
  }

  TEST_CASE("a true property passes with the requested number of cases") {
    const PropertyOutcome out =
        check_property("core/true", [] { RC_ASSERT(*rc::gen::inRange(0, 5) < 5); }, PropertyParams{1, 37});
    CHECK(out.passed());
    CHECK(out.successes == 37);
  }

  TEST_CASE("line fit recovers an exact slope") {
    const LineFit f = fit_line({1, 2, 3, 4}, {-1, -3, -5, -7});
    CHECK(f.slope == doctest::Approx(-2));
    CHECK(f.intercept == doctest::Approx(1));
  }
}
