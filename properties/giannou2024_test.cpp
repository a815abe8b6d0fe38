// Giannou family: each construction and each checked formula has broken variants that the same checks the
// registry runs must reject. Test names must not contain commas (doctest label discovery).
#include <doctest/doctest.h>

#include "properties/test_util.hpp"
#include "properties/giannou2024.hpp"

namespace gi24 = icl::giannou2024;
using gi24::Defect;

using icl::test::RefutedBy;
using icl::test::require_refuted;
using icl::test::small_run;
constexpr int kSmallCases = 20;

TEST_SUITE("giannou2024;broken-variant;exact") {
  TEST_CASE("Newton-Schulz formulas with a wrong exponent are rejected (NS1 NS2 NS3)") {
    require_refuted(gi24::check_ns1(small_run(kSmallCases), Defect::WrongFormula), RefutedBy::Property);
    require_refuted(gi24::check_ns2(small_run(kSmallCases), Defect::WrongFormula), RefutedBy::Property);
    require_refuted(gi24::check_ns3(small_run(kSmallCases), Defect::WrongFormula), RefutedBy::Property);
  }
  TEST_CASE("broken Lemma 4.1 blocks are rejected by LSA1 and LSA3") {
    for (Defect d : {Defect::FlipValueSign, Defect::MissingHead, Defect::SwapKeyQuery}) {
      CAPTURE(static_cast<int>(d));
      require_refuted(gi24::check_lsa1(small_run(kSmallCases), d), RefutedBy::Property);
      require_refuted(gi24::check_lsa3(small_run(kSmallCases), d), RefutedBy::Property);
    }
  }
  TEST_CASE("the regression pipeline with the query in the Gram rows is rejected by REG1") {
    require_refuted(gi24::check_reg1(small_run(kSmallCases), Defect::QueryInGram), RefutedBy::Property);
  }
  TEST_CASE("a Hessian formula with the wrong ridge term is rejected by LOG1 in rationals and in Arb") {
    const icl::Evidence ev = gi24::check_log1(small_run(kSmallCases), Defect::WrongFormula);
    require_refuted(ev, RefutedBy::Property);
  }
  TEST_CASE("a wrong decrement scaling is rejected by LOG4") { require_refuted(gi24::check_log4(small_run(kSmallCases), Defect::WrongFormula), RefutedBy::Property); }
  TEST_CASE("a wrong sign gadget is rejected by RELU1") { require_refuted(gi24::check_relu1(small_run(kSmallCases), Defect::BadSignGadget), RefutedBy::Property); }
  TEST_CASE("a data-dependent value map breaks the degree bound of LSA4") {
    require_refuted(gi24::check_lsa4(small_run(kSmallCases), Defect::WrongFormula));
  }
  TEST_CASE("an extra layer in the Lemma 4.1 block is caught by the ACC1 audit") {
    require_refuted(gi24::check_acc1(small_run(kSmallCases), Defect::MissingHead));
  }
}

TEST_SUITE("giannou2024;broken-variant;arb") {
  TEST_CASE("bounds with a wrong constant or exponent are refuted with Arb (NS4 NS5 REG2 LOG2 LOG3 LOG7 LOG8 LOG10)") {
    require_refuted(gi24::check_ns4(small_run(6), Defect::WrongFormula));
    require_refuted(gi24::check_ns5(small_run(3), Defect::WrongFormula));
    require_refuted(gi24::check_reg2(small_run(3), Defect::WrongFormula));
    require_refuted(gi24::check_log2(small_run(10), Defect::WrongFormula));
    require_refuted(gi24::check_log3(small_run(10), Defect::WrongFormula));
    require_refuted(gi24::check_log7(small_run(10), Defect::WrongFormula));
    require_refuted(gi24::check_log8(small_run(kSmallCases), Defect::WrongFormula));
    require_refuted(gi24::check_log10(small_run(kSmallCases), Defect::WrongFormula));
  }
  TEST_CASE("a step size 4/|A|_F^2 leaves the convergence interval (NS6)") {
    require_refuted(gi24::check_ns6(small_run(8), Defect::WrongFormula));
  }
  TEST_CASE("undamped Newton steps violate the damped-Newton decrease (LOG5)") {
    require_refuted(gi24::check_log5(small_run(20), Defect::Undamped));
  }
  TEST_CASE("staircases with steps five percent too high miss the eps sup bound (RELU2)") {
    require_refuted(gi24::check_relu2(small_run(kSmallCases), Defect::WrongHeights));
  }
}

TEST_SUITE("giannou2024;broken-variant;mpfr") {
  TEST_CASE("errors twenty times the allowed size break the Phase I decrease (LOG11)") {
    require_refuted(gi24::check_log11(small_run(kSmallCases), Defect::WrongFormula));
  }
  TEST_CASE("errors four hundred times the allowed size make the iterates grow (LOG12)") {
    require_refuted(gi24::check_log12(small_run(kSmallCases), Defect::WrongFormula));
  }
  TEST_CASE("a network without damping does not emulate damped Newton (ACC2)") {
    require_refuted(gi24::check_acc2(small_run(kSmallCases), Defect::Undamped));
  }
}
