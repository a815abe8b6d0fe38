// von Oswald family: every construction has broken variants, and the same checks the registry runs must
// reject them (a check that cannot fail proves nothing).
#include <doctest/doctest.h>

#include "properties/test_util.hpp"
#include "properties/vonoswald2023.hpp"

namespace vo23 = icl::vonoswald2023;
using vo23::Defect;

using icl::test::RefutedBy;
using icl::test::require_refuted;
using icl::test::small_run;
constexpr int kSmallCases = 30;

// Test names must not contain commas: doctest_discover_tests queries labels with an unescaped filter.
TEST_SUITE("vonoswald2023;broken-variant;exact") {
  TEST_CASE("K1 broken variants are rejected by C1") {
    for (Defect d : {Defect::FlipValueSign, Defect::DropOneOverN, Defect::QueryAmongKeys, Defect::TransposeValue}) {
      CAPTURE(static_cast<int>(d));
      require_refuted(vo23::check_c1(small_run(kSmallCases), d), RefutedBy::Property);
    }
  }
  TEST_CASE("K1 broken variants are rejected by C2 (prediction only)") {
    for (Defect d : {Defect::FlipValueSign, Defect::DropOneOverN, Defect::QueryAmongKeys}) {
      CAPTURE(static_cast<int>(d));
      require_refuted(vo23::check_c2(small_run(kSmallCases), d), RefutedBy::Property);
    }
  }
  TEST_CASE("K2 with a flipped W_V is rejected by C3 including the demo") {
    require_refuted(vo23::check_c3(small_run(kSmallCases), Defect::FlipValueSign), RefutedBy::Property);
  }
  TEST_CASE("rescaling without compensation is rejected by C4") {
    require_refuted(vo23::check_c4(small_run(kSmallCases), Defect::UncompensatedRescale), RefutedBy::Property);
  }
  TEST_CASE("K3 broken variants are rejected by C5 and C26") {
    for (Defect d : {Defect::FlipGammaSign, Defect::DropOneOverN, Defect::QueryAmongKeys}) {
      CAPTURE(static_cast<int>(d));
      require_refuted(vo23::check_c5(small_run(kSmallCases), d), RefutedBy::Property);
      require_refuted(vo23::check_c26(small_run(kSmallCases), d), RefutedBy::Property);
    }
  }
  TEST_CASE("a GD++ layer with the wrong sign of γ is rejected by C6") {
    require_refuted(vo23::check_c6(small_run(kSmallCases), Defect::FlipGammaSign), RefutedBy::Property);
  }
  TEST_CASE("a copy layer that looks backwards is rejected by C23") {
    require_refuted(vo23::check_c23(small_run(kSmallCases), Defect::ShiftBackward), RefutedBy::Property);
  }
  TEST_CASE("the code's P on the wrong block is rejected by C25") {
    require_refuted(vo23::check_c25(small_run(kSmallCases), Defect::CodePOnInputs), RefutedBy::Property);
  }
  TEST_CASE("a layer whose keys include the query is rejected by C27") {
    require_refuted(vo23::check_c27(small_run(kSmallCases), Defect::QueryAmongKeys), RefutedBy::Property);
  }
  TEST_CASE("feature-space K1 without 1/N is rejected by C31") {
    require_refuted(vo23::check_c31(small_run(kSmallCases), Defect::DropOneOverN), RefutedBy::Property);
  }
  TEST_CASE("the certificate's degree is read off the construction: one K1 layer has degree 5") {
    const icl::Evidence ev = vo23::check_c1(small_run(5));
    REQUIRE(ev.verdict == icl::Verdict::ProvedExactly);
    CHECK(ev.certificate.find("D=5,") != std::string::npos);
  }
}

TEST_SUITE("vonoswald2023;broken-variant;exact;double") {
  TEST_CASE("population formulas with the wrong kurtosis or without the ½ are rejected") {
    const icl::RunConfig cfg = small_run(20000);  // Monte Carlo tasks; the exact part decides
    require_refuted(vo23::check_c7(cfg, Defect::WrongKurtosis));
    require_refuted(vo23::check_c7(cfg, Defect::DropHalf));
    require_refuted(vo23::check_c24(cfg, Defect::WrongKurtosis));
    require_refuted(vo23::check_c9(cfg, Defect::WrongKurtosis));
    require_refuted(vo23::check_c29(cfg, Defect::DropHalf));
  }
}
