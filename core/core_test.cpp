// Unit tests of the building blocks: scalars, degree tracker, balls, polynomials, spectra, the property runner.
#include <doctest/doctest.h>

#include "core/ball.hpp"
#include "core/certificate.hpp"
#include "core/context.hpp"
#include "core/degree.hpp"
#include "core/exact_product.hpp"
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

  TEST_CASE("expect_product equals the expectation of the expanded product") {
    // The reference from the definition, sharing nothing with oracles/moments.cpp but Variables::moment: expand p·q
    // (Poly's product), then replace each monomial's random variables by their moments (independent variables).
    const auto reference = [](const Poly& pq, const Variables& vars) {
      Poly r;
      for (const auto& [m, c] : pq.terms()) {
        Poly term(c);
        for (uint32_t e : m) {
          const uint32_t id = Poly::var_of(e);
          for (unsigned k = 0; k < (vars[id].law == Law::Symbol ? Poly::exp_of(e) : 0u); ++k) term *= vars(id);
          if (vars[id].law != Law::Symbol) term *= Poly(vars.moment(id, Poly::exp_of(e)));
        }
        r += term;
      }
      return r;
    };
    Variables v;
    const std::vector<uint32_t> ids{v.add("x", Law::Uniform, rational(1, 2)), v.add("g", Law::Gaussian, rational(3, 2)),
                                    v.add("s", Law::Symbol), v.add("y", Law::Uniform, 2), v.add("t", Law::Symbol)};
    Rng rng(20261204);
    for (int trial = 0; trial < 40; ++trial) {
      const auto random_poly = [&] {
        Poly p;
        for (int term = 0; term < 6; ++term) {
          Poly m(random_fraction(rng, -5, 5, 1, 4));
          for (int f = 0; f < 3; ++f) m *= v(ids[rng.next() % ids.size()]);
          p += m;
        }
        return p;
      };
      const Poly p = random_poly(), q = random_poly();
      CHECK(expect_product(p, q, v) == reference(p * q, v));
      CHECK(expect_product(p, p, v) == reference(p * p, v));
      CHECK(expect(p, v) == reference(p, v));
    }
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

  TEST_CASE("rational products: FLINT path equals the per-entry path on transposed, strided blocks with alpha ≠ 1") {
    Rng rng(7);
    bool large = false;  // some entries near 2^40 over 2^31: line denominators and scaled numerators pass 2^62
    auto draw = [&](Index r, Index c) {
      Mat<Rational> m(r, c);
      for (Index i = 0; i < m.size(); ++i) {
        m(i) = large && rng.integer(0, 1) == 0 ? random_fraction(rng, -(1L << 40), 1L << 40, 1, 1L << 31)
                                               : random_fraction(rng, -40, 40, 1, 30);
        if (rng.integer(0, 4) == 0) m(i) = 0;
      }
      return m;
    };
    for (int t = 0; t < 20; ++t) {
      large = t % 2 == 1;
      const Index n = 3 + t, k = 2 + (t * 7) % 13, m = 4 + (t * 5) % 11;
      const Mat<Rational> A = draw(k + 3, n + 2), B = draw(m + 1, k + 4);
      const Rational alpha(-7, 3 + t);
      const Mat<Rational> C0 = draw(n, m);
      auto product = [&](exact::ProductPath p) {
        const exact::ProductPathScope scope(p);
        Mat<Rational> C = C0;  // res += alpha · lhs · rhs, on blocks with outer strides ≠ their sizes
        C.noalias() += alpha * (A.block(1, 2, k, n).transpose() * B.block(1, 3, m, k).transpose());
        Mat<Rational> D = A.block(0, 0, k, n).transpose() * B.block(0, 0, m, k).transpose();
        return std::make_pair(C, D);
      };
      const auto before = exact::product_counts();
      const auto flint = product(exact::ProductPath::Flint);
      const auto entry = product(exact::ProductPath::PerEntry);
      const auto after = exact::product_counts();
      const bool gemm = n + m + k >= 20;  // Eigen evaluates smaller products coefficient-wise, not by GEMM
      CHECK(after.flint - before.flint == (gemm ? 2u : 0u));
      CHECK(after.per_entry - before.per_entry == (gemm ? 2u : 0u));
      CHECK(flint.first == entry.first);
      CHECK(flint.second == entry.second);
      // Against a plain loop that Eigen's product does not reach.
      for (Index i = 0; i < n; ++i)
        for (Index j = 0; j < m; ++j) {
          Rational s(0);
          for (Index l = 0; l < k; ++l) s += A(l, i) * B(j, l);
          CHECK(flint.second(i, j) == s);
        }
    }
  }

  TEST_CASE("rational products: the FLINT path's sparse shortcuts equal the per-entry path") {
    Rng rng(19);
    auto entry = [&] { return random_fraction(rng, -40, 40, 1, 30); };
    auto dense = [&](Index r, Index c) {
      Mat<Rational> m(r, c);
      for (Index i = 0; i < m.size(); ++i) m(i) = entry();
      return m;
    };
    const Index n = 12;
    Mat<Rational> selector = Mat<Rational>::Zero(n, n), diagonal = Mat<Rational>::Zero(n, n);
    selector.topLeftCorner(n - 2, n - 2).setIdentity();  // W_K = diag(I, 0)
    for (Index i = 0; i < n; ++i) diagonal(i, i) = entry();
    Mat<Rational> one_row = Mat<Rational>::Zero(n, n), zero_block = dense(n, n);
    one_row.row(n - 1) = dense(1, n);  // W_V = [[0, 0], [W_0, −I]]
    zero_block.middleCols(3, 4).setZero();
    zero_block.middleRows(5, 2).setZero();
    const Mat<Rational> full = dense(n, n + 1), zero = Mat<Rational>::Zero(n, n);
    const Rational alpha(5, 7);
    const std::vector<const Mat<Rational>*> lefts{&selector, &diagonal, &one_row, &zero_block, &full, &zero};
    const std::vector<const Mat<Rational>*> rights{&selector, &diagonal, &one_row, &zero_block, &zero};
    for (const Mat<Rational>* a : lefts) {
      for (const Mat<Rational>* b : rights) {
        auto product = [&](exact::ProductPath p) {
          const exact::ProductPathScope scope(p);
          Mat<Rational> C = dense(a->cols(), b->cols());
          C.noalias() += alpha * (a->transpose() * *b);
          return std::make_pair(C, Mat<Rational>(*b * *a));
        };
        Rng keep = rng;
        const auto flint = product(exact::ProductPath::Flint);
        rng = keep;  // the same C on both paths
        const auto per_entry = product(exact::ProductPath::PerEntry);
        CHECK(flint.first == per_entry.first);
        CHECK(flint.second == per_entry.second);
      }
    }
  }

  TEST_CASE("rational product chains: exact::chain equals the products from the left on the per-entry path") {
    Rng rng(23);
    auto draw = [&](Index r, Index c, bool large) {
      Mat<Rational> m(r, c);
      for (Index i = 0; i < m.size(); ++i)
        m(i) = large && rng.integer(0, 1) == 0 ? random_fraction(rng, -(1L << 40), 1L << 40, 1, 1L << 31)
                                               : random_fraction(rng, -40, 40, 1, 30);
      switch (rng.integer(0, 4)) {  // the shapes of the constructions' weights
        case 0: m.topRows(r - 1).setZero(); break;  // W_V's one nonzero row
        case 1: m.col(rng.integer(0, c - 1)).setZero(); break;
        case 2: m.row(rng.integer(0, r - 1)).setZero(); break;
        case 3:
          m.setZero();
          for (Index i = 0; i < std::min(r, c) - 1; ++i) m(i, i) = 1;  // W_K = diag(I, 0)
          break;
        default: break;
      }
      return m;
    };
    for (int t = 0; t < 60; ++t) {
      const int n = 2 + t % 4;
      std::vector<Index> dims;
      for (int i = 0; i <= n; ++i) dims.push_back(rng.integer(1, 12));
      std::vector<Mat<Rational>> f;
      for (int i = 0; i < n; ++i) f.push_back(draw(dims[i], dims[i + 1], t % 3 == 2));
      std::vector<const Mat<Rational>*> ptrs;
      for (const auto& m : f) ptrs.push_back(&m);
      Mat<Rational> chained, expected;
      {
        const exact::ProductPathScope scope(exact::ProductPath::Flint);
        chained = exact::chain(ptrs);
      }
      {
        const exact::ProductPathScope scope(exact::ProductPath::PerEntry);
        expected = f[0];
        for (int i = 1; i < n; ++i) expected = Mat<Rational>(expected * f[i]);
        CHECK(exact::chain(ptrs) == expected);
      }
      CHECK(chained == expected);
      if (n == 4) CHECK(chain_product(f[0], f[1], f[2], f[3]) == expected);
    }
    const Mat<Rational> a = Mat<Rational>::Ones(2, 3), b = Mat<Rational>::Ones(4, 2);
    CHECK_THROWS_AS(exact::chain({&a, &b}), std::invalid_argument);
    CHECK_THROWS_AS(exact::chain({&a}), std::invalid_argument);
  }

  TEST_CASE("MPFR products (allocation-free kernel) agree with a plain loop to the working precision") {
    const PrecisionScope bits(200);
    Rng rng(11);
    for (const Index n : {3, 12, 30}) {
      Mat<Mpfr> A(n, n + 2), B(n + 2, n - 1);
      for (Index i = 0; i < A.size(); ++i) A(i) = Mpfr(rng.uniform(-1, 1));
      for (Index i = 0; i < B.size(); ++i) B(i) = Mpfr(rng.uniform(-1, 1));
      const Mat<Mpfr> C = Mpfr(3) * (A * B);
      const Vec<Mpfr> v = A.transpose() * B.col(0).head(n);
      Mpfr worst(0);
      for (Index i = 0; i < n; ++i) {
        for (Index j = 0; j < n - 1; ++j) {
          Mpfr s(0);
          for (Index k = 0; k < n + 2; ++k) s += A(i, k) * B(k, j);
          worst = std::max(worst, Mpfr(abs(C(i, j) - 3 * s)));
        }
      }
      for (Index k = 0; k < n + 2; ++k) {
        Mpfr s(0);
        for (Index i = 0; i < n; ++i) s += A(i, k) * B(i, 0);
        worst = std::max(worst, Mpfr(abs(v(k) - s)));
      }
      CHECK(precision_bits(C(0, 0)) == bits.bits());
      // Each side of a depth-k sum of products of entries in [−1, 1] errs by at most k·u·k; the factor 3 and both
      // sides: 6k²u < 8k²u.
      const Index k = n + 2;
      CHECK(worst < Mpfr(8 * k * k) * pow(Mpfr(2), -bits.bits()));
    }
  }

  TEST_CASE("exact rationals: canonical form, parsing, and one-line errors on malformed text") {
    CHECK(Rational(6, -4) == Rational(-3, 2));
    CHECK(Rational("-12/8").str() == "-3/2");
    CHECK(Rational("7").is_integer());
    CHECK_THROWS_AS(Rational("1/0"), std::invalid_argument);
    CHECK_THROWS_AS(Rational("x/2"), std::invalid_argument);
    CHECK(abs(Rational(-5, 7)) == Rational(5, 7));
    CHECK(to_double(Rational(1, 3)) == 1.0 / 3.0);
  }

  TEST_CASE("exact rationals: +, −, × and their assignments agree with GMP's mpq, zero and unit operands included") {
    const std::vector<Rational> values{0, 1, -1, Rational(3, 7), Rational(-22, 9),
                                       Rational("123456789012345678901234567890/98765432109876543210987")};
    // x equals op(a, b) computed by GMP's mpq.
    const auto agrees = [](const Rational& x, const Rational& a, const Rational& b,
                           void (*op)(mpq_ptr, mpq_srcptr, mpq_srcptr)) {
      mpq_t qa, qb, want, got;
      for (mpq_ptr q : {qa, qb, want, got}) mpq_init(q);
      a.get_mpq(qa);
      b.get_mpq(qb);
      x.get_mpq(got);
      op(want, qa, qb);
      const bool same = mpq_equal(want, got) != 0;
      for (mpq_ptr q : {qa, qb, want, got}) mpq_clear(q);
      return same;
    };
    for (const Rational& a : values)
      for (const Rational& b : values) {
        CHECK(agrees(a + b, a, b, mpq_add));
        CHECK(agrees(a - b, a, b, mpq_sub));
        CHECK(agrees(a * b, a, b, mpq_mul));
        Rational c = a;
        CHECK(agrees(c += b, a, b, mpq_add));
        c = a;
        CHECK(agrees(c -= b, a, b, mpq_sub));
        c = a;
        CHECK(agrees(c *= b, a, b, mpq_mul));
        c = a;
        CHECK(agrees(c *= c, a, a, mpq_mul));  // an operand aliasing the result
        c = a;
        CHECK(agrees(c -= c, a, a, mpq_sub));
      }
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

  TEST_CASE("under an RC_PARAMS replay neither the claim nor any of its parts earns a positive verdict") {
    const auto prop = [] { RC_ASSERT(*rc::gen::inRange(0, 1000) < 10); };
    const PropertyOutcome failing = check_property("core/replay", prop, PropertyParams{42, 200});
    REQUIRE(failing.failed());
    Claim c;
    c.id = "core/replay";
    c.check = [&](Context&) {
      // The replay names another property: this one is skipped, and the part built on it checked nothing.
      PropertyParams once{1, 200};
      once.reproduce = failing.reproduce;
      REQUIRE_FALSE(check_property("core/replay-other", [] { RC_ASSERT(true); }, once).passed());
      Evidence ev;
      ev.verdict = Verdict::HoldsNumerically;
      ev.part("one replayed case", Verdict::HoldsNumerically, "", std::vector<std::string>{});
      return ev;
    };
    const Outcome out = run_check(c, RunConfig{});
    REQUIRE_MESSAGE(out.error.empty(), out.error);
    CHECK(out.evidence.verdict == Verdict::Inconclusive);
    REQUIRE(out.evidence.parts.size() == 1);
    CHECK(out.evidence.parts[0].verdict == Verdict::Inconclusive);
    CHECK(out.evidence.parts[0].detail.find("RC_PARAMS replays") != std::string::npos);
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
