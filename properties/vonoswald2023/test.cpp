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

#include "properties/vonoswald2023/population.hpp"

// The Monte Carlo path on its own (the exact part set aside) against a correct and a wrong formula: it must accept the
// one and reject the other at its derived acceptance, so a widened acceptance cannot go unnoticed.
TEST_SUITE("vonoswald2023;unit;double") {
  TEST_CASE("Monte Carlo alone accepts the population formula and rejects a wrong kurtosis and a missing half") {
    using namespace icl::vonoswald2023;
    const NamedLaw law = s_paper();
    const ClosedForm right(10, 10, law, icl::Defect{}), kurtosis(10, 10, law, defects::WrongKurtosis),
        half(10, 10, law, defects::DropHalf);
    const double eta = icl::to_double(right.eta_star());
    const auto est = pop::one_step_loss_mc(10, 10, law.law, {{eta, 1, 1}}, 200000, 99)[0];
    const auto z = [&](const ClosedForm& f) {
      const auto c = f.loss_in_eta();
      const double value = icl::to_double(c[0]) + icl::to_double(c[1]) * eta + icl::to_double(c[2]) * eta * eta;
      return std::abs(est.mean - value) / est.se;
    };
    const double sigmas = mc_sigmas(1);
    CHECK(z(right) < sigmas);
    CHECK(z(kurtosis) > sigmas);
    CHECK(z(half) > sigmas);
  }
}
