// von Oswald family: facts about the checks themselves (the broken variants are run from the rows by test_main).
#include <doctest/doctest.h>

#include "core/context.hpp"
#include "properties/families.hpp"

TEST_SUITE("vonoswald2023;unit;exact") {
  TEST_CASE("the certificate's degree is read off the construction: one K1 layer has degree 5") {
    const icl::Claim* c1 = icl::find_claim("vonoswald2023/C1");
    REQUIRE(c1 != nullptr);
    icl::RunConfig cfg;
    cfg.cases = 5;
    const icl::Outcome out = icl::run_check(*c1, cfg);
    REQUIRE(out.evidence.verdict == icl::Verdict::ProvedExactly);
    CHECK(out.evidence.certificate.find("D=5,") != std::string::npos);
  }
}
